using System.Collections.Concurrent;
using System.Security.Cryptography;
using AtolOnline.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using AtolOnline.Protocol;

namespace AtolOnline.AspNetCoreTests;

/// <summary>
/// README "Embedding in a service": the ten lines between the README markers below are the README's, word for word
/// (checked), and they run: a document sent with the proven callback URL reaches the handler, and /health answers.
/// </summary>
public sealed class ReadmeEmbeddingTests
{
    [Fact]
    public async Task The_readme_lines_run_against_the_emulator()
    {
        await using var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero }, TestContext.Current.CancellationToken);
        string[] args = ["--urls=http://127.0.0.1:0"];
        var atolAddress = atol.BaseAddress;
        byte[] callbackKey = RandomNumberGenerator.GetBytes(32);
        var orders = new Orders();

#pragma warning disable xUnit1051 // The README's lines, as a service writes them (no test token there).
        // README:begin
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddAtolClient(o => { o.BaseAddress = atolAddress; o.UseTestCredentials(); });    // or your login, password, group
        builder.Services.AddAtolCallbacks(o => o.Proof = new AtolCallbackProof(callbackKey));             // a key kept across restarts
        builder.Services.AddHealthChecks().AddAtolHealthChecks(o => o.FiscalDriveDaysLeftDegraded = 30);  // thresholds: AtolHealthCheckOptions
        var app = builder.Build();
        app.MapAtolCallbacks("/atol/callbacks/{token}", orders.ApplyAsync);  // gets trusted final reports; answers Applied or UnknownDocument
        app.MapHealthChecks("/health");                                       // registers online, fiscal drives, documents waiting for the OFD
        await app.StartAsync();
        // Send each document with CallbackUrl = proof.CreateCallbackUrl(publicBaseUrl, externalId); after storing its registration,
        // call app.Services.GetRequiredService<AtolCallbackInbox>().DocumentRegistered(uuid, sentAt). Metrics: the "AtolOnline" meter.
        // README:end
#pragma warning restore xUnit1051

        await using var _ = app;
        var proof = new AtolCallbackProof(callbackKey);
        var publicBaseUrl = app.Urls.First().TrimEnd('/') + "/atol/callbacks";
        var client = app.Services.GetRequiredService<IAtolRegistrationClient>();
        var sentAt = DateTimeOffset.UtcNow;
        var receipt = SampleDocuments.Sell(7, 1) with { ExternalId = "readme-1", Service = new V5.Service { CallbackUrl = proof.CreateCallbackUrl(publicBaseUrl, "readme-1") } };
        var registration = await client.SellAsync(receipt, cancellationToken: TestContext.Current.CancellationToken);
        orders.Known[registration.Uuid] = true;
        app.Services.GetRequiredService<AtolCallbackInbox>().DocumentRegistered(registration.Uuid, sentAt);
        await CallbackHost.EventuallyAsync(() => !orders.Applied.IsEmpty);

        Assert.Equal(AtolDocumentStatus.Done, Assert.Single(orders.Applied).Status);
        using var http = new HttpClient();
        var health = await http.GetStringAsync(new Uri(app.Urls.First().TrimEnd('/') + "/health"), TestContext.Current.CancellationToken);
        Assert.Equal("Healthy", health);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void The_readme_shows_exactly_these_lines()
    {
        var root = RepositoryRoot();
        var block = ReadBlock(Path.Combine(root, "tests", "AtolOnline.AspNetCore.Tests", "ReadmeEmbeddingTests.cs"));
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        Assert.Equal(10, block.Count);
        Assert.Contains("```csharp\n" + string.Join("\n", block) + "\n```", readme, StringComparison.Ordinal);
    }

    private static List<string> ReadBlock(string path)
    {
        var lines = File.ReadAllLines(path);
        int begin = Array.FindIndex(lines, l => l.Trim() == "// README:begin");
        int end = Array.FindIndex(lines, l => l.Trim() == "// README:end");
        return lines[(begin + 1)..end].Select(l => l.Length >= 8 ? l[8..] : l.Trim()).ToList();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AtolOnline.Core.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AtolOnline.Core.sln) is not above " + AppContext.BaseDirectory);
    }

    private sealed class Orders
    {
        public ConcurrentDictionary<string, bool> Known { get; } = new();

        public ConcurrentQueue<AtolReport> Applied { get; } = new();

        public ValueTask<AtolCallbackDisposition> ApplyAsync(AtolReport report, CancellationToken cancellationToken)
        {
            if (!Known.ContainsKey(report.Uuid!))
            {
                return ValueTask.FromResult(AtolCallbackDisposition.UnknownDocument);
            }

            Applied.Enqueue(report);
            return ValueTask.FromResult(AtolCallbackDisposition.Applied);
        }
    }
}
