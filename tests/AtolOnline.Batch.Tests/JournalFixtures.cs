using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

internal static class JournalFixtures
{
    public static BatchItem Sell(int seed, string externalId, long? line = null) =>
        BatchItem.Create(AtolV5Operations.Sell, SampleDocuments.Sell(seed, 2, marked: false, agents: false) with { ExternalId = externalId }, line);

    /// <summary>Runs <paramref name="items"/> to the end and returns the outcomes by external_id and line.</summary>
    public static async Task<List<BatchOutcome>> RunAsync(AtolEmulator atol, IBatchJournal? journal, IEnumerable<BatchItem> items, int maxInFlight = 8)
    {
        var processor = new BatchProcessor(BatchFixtures.Client(atol), new BatchOptions { Journal = journal, RequestsPerSecond = 0, MaxAwaitingResult = maxInFlight, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll });
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in processor.ProcessAsync(items, BatchFixtures.Ct))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }

    /// <summary>A journal of <paramref name="count"/> done documents (3 lines each), written by a real run.</summary>
    public static async Task<string> DoneJournalAsync(AtolEmulator atol, int count, string prefix)
    {
        string path = BatchFixtures.TempFile(prefix + ".journal.jsonl");
        await using var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct);
        var outcomes = await RunAsync(atol, journal, Enumerable.Range(0, count).Select(i => Sell(i, $"{prefix}-{i}")), maxInFlight: 1);
        Assert.All(outcomes, o => Assert.Equal(BatchOutcomeKind.Done, o.Kind));
        return path;
    }

    public static int Registered(AtolEmulator atol, string prefix) =>
        atol.Documents.Count(d => d.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal));
}
