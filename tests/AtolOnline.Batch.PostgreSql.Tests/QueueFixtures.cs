using AtolOnline.Emulator;
using AtolOnline.V5;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.PostgreSql.Tests;

internal static class QueueFixtures
{
    public const string Group = "v5-online-atol-ru_5179";

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<AtolEmulator> StartEmulatorAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ProcessingDelay = TimeSpan.Zero, Seed = 11 };
        configure?.Invoke(options);
        return AtolEmulator.StartAsync(options, Ct);
    }

    public static AtolClient Client(AtolEmulator atol)
    {
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, atol.BaseAddress);
        options.Retry = new AtolRetryPolicy { MaxAttempts = 6, BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(40) };
        options.Polling = new AtolPollingPolicy
        {
            FirstDelay = TimeSpan.FromMilliseconds(5), NextDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), Deadline = TimeSpan.FromSeconds(30),
        };
        options.AttemptTimeout = TimeSpan.FromSeconds(5);
        return new AtolClient(new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(60) }, options);
    }

    /// <summary>A sell with <paramref name="externalId"/>; with <paramref name="wrongInn"/> the register refuses it (report <c>fail</c>).</summary>
    public static ReceiptRequest Sell(int seed, string externalId, bool wrongInn = false)
    {
        var document = SampleDocuments.Sell(seed, 2 + (seed % 3), marked: false, agents: false) with { ExternalId = externalId };
        return wrongInn ? document with { Receipt = document.Receipt with { Company = document.Receipt.Company with { Inn = "7707083893" } } } : document;
    }

    public static async IAsyncEnumerable<ReadOnlyMemory<byte>> Json(IEnumerable<ReceiptRequest> documents)
    {
        foreach (var document in documents)
        {
            yield return AtolJson.ToUtf8Bytes(document);
        }

        await Task.CompletedTask;
    }

    public static IEnumerable<ReceiptRequest> Sells(string prefix, int count, int from = 0) =>
        Enumerable.Range(from, count).Select(i => Sell(i, $"{prefix}-{i}"));

    /// <summary>Fast worker timings for tests (the defaults are seconds).</summary>
    public static PostgresBatchWorkerOptions Options(string? workerId = null) => new()
    {
        WorkerId = workerId,
        MaxInFlight = 16,
        GroupRegisters = 1000, // the emulator answers at once: its report limit is not what these tests are about
        ClaimBatchSize = 8,
        GroupRequestsPerSecond = 0,
        LeaseDuration = TimeSpan.FromSeconds(3),
        HeartbeatInterval = TimeSpan.FromMilliseconds(500),
        RetryDelay = TimeSpan.FromMilliseconds(200),
        IdleDelay = TimeSpan.FromMilliseconds(50),
    };
}
