using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>The README's client, batch and emulator examples, compiled and run against the emulator.</summary>
public sealed class ReadmeClientExamples
{
    [Fact]
    public async Task Client_batch_and_emulator_examples_work_as_written()
    {
        await using var atol = await AtolEmulator.StartAsync(new EmulatorOptions { ProcessingDelay = TimeSpan.Zero }, BatchFixtures.Ct);
        using var httpClient = new HttpClient();
        var options = AtolClientOptions.ForTestEnvironment(AtolProtocolVersion.V5, atol.BaseAddress);
        options.Polling = new AtolPollingPolicy { FirstDelay = TimeSpan.FromMilliseconds(10), NextDelay = TimeSpan.FromMilliseconds(10) };
        var client = new AtolClient(httpClient, options);
        var request = SampleDocuments.Sell(1, 3) with { ExternalId = "order-1042-sell" };

        AtolRegistration registration = await client.SellAsync(request, cancellationToken: BatchFixtures.Ct);
        AtolReport report = await client.WaitForReportAsync(registration.Uuid, BatchFixtures.Ct);
        Assert.Equal(AtolDocumentStatus.Done, report.Status);
        Assert.NotNull(report.FiscalDocumentAttribute);

        string path = BatchFixtures.TempFile("readme.journal.jsonl");
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var items = Enumerable.Range(0, 5).Select(i => BatchItem.Create(AtolV5Operations.Sell, SampleDocuments.Sell(100 + i, 2) with { ExternalId = "readme-" + i }));
            var processor = new BatchProcessor(client, new BatchOptions { Registers = 10, RequestsPerSecond = 20, Journal = journal });
            int done = 0;
            await foreach (BatchOutcome outcome in processor.ProcessAsync(items, BatchFixtures.Ct))
            {
                done += outcome.Kind == BatchOutcomeKind.Done ? 1 : 0;
            }

            Assert.Equal(5, done);
        }

        atol.Faults.Add(FaultRule.Times(FaultEndpoint.Register, FaultKind.Status503, 2));
        var retried = await client.SellAsync(SampleDocuments.Sell(7, 2) with { ExternalId = "readme-retried" }, cancellationToken: BatchFixtures.Ct);
        Assert.Equal(3, retried.Attempts);
        Assert.Single(atol.Documents, d => d.ExternalId == "readme-retried");
        File.Delete(path);
    }
}
