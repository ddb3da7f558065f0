using AtolOnline.Cli.Demo;
using AtolOnline.Emulator;

namespace AtolOnline.Batch.Tests;

internal static class BatchFixtures
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Task<AtolEmulator> StartEmulatorAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ProcessingDelay = TimeSpan.Zero, Seed = 7 };
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

    /// <summary>Documents with distinct external_ids, built lazily (the input of a batch is a stream).</summary>
    public static IEnumerable<BatchItem> Sells(int count, string prefix)
    {
        for (int i = 0; i < count; i++)
        {
            var document = SampleDocuments.Sell(i, 2 + (i % 3), marked: false, agents: false) with { ExternalId = $"{prefix}-{i}" };
            yield return BatchItem.Create(AtolV5Operations.Sell, document);
        }
    }

    public static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"atol-batch-{Guid.NewGuid():N}-{name}");

    /// <summary>Asserts the emulator registered each external_id exactly once.</summary>
    public static void AssertExactlyOnce(AtolEmulator atol, int expected, string prefix)
    {
        var registered = atol.Documents.Where(d => d.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal)).GroupBy(d => d.ExternalId).ToList();
        Assert.Equal(expected, registered.Count);
        var twice = registered.Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, "registered more than once: " + string.Join(", ", twice.Take(10)));
    }
}
