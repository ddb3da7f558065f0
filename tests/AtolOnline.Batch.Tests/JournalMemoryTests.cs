using System.Diagnostics;
using System.Globalization;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

/// <summary>Runs alone: it measures the managed heap, which tests running in parallel would disturb.</summary>
[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>
/// Resuming reads the journal as a stream: documents not yet final are kept whole, final ones as a compact index entry
/// (about 24 bytes), whatever the size of the file.
/// </summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class JournalMemoryTests
{
    private const int Lines = 1_000_000;
    private const int NotFinal = 5_000;               // pending + sent: 2 lines each
    private const int Final = (Lines - (2 * NotFinal)) / 3; // pending + sent + done: 3 lines each (330,000)
    private const int Sampled = 2_000;                // final documents that come again in the resumed input
    private const int New = 1_000;

    [Fact]
    public async Task A_million_line_journal_resumes_with_memory_bounded_by_the_documents_not_yet_final()
    {
        string path = BatchFixtures.TempFile("million.jsonl");
        var template = SampleDocuments.Sell(1, 1, marked: false, agents: false);
        BatchItem Item(string id) => BatchItem.Create(AtolV5Operations.Sell, template with { ExternalId = id });
        var clock = Stopwatch.StartNew();
        const int Step = Final / Sampled; // the sampled final documents are spread over the whole journal
        WriteJournal(path, i => i % Step == 0 && i / Step < Sampled ? Item(FinalId(i)).ContentHash : null);
        var generated = clock.Elapsed;
        long fileBytes = new FileInfo(path).Length;

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        long before = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        await using var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct);
        var opened = clock.Elapsed;
        long afterOpen = GC.GetTotalMemory(forceFullCollection: true);
        long retained = afterOpen - before;

        Assert.Equal(Final + NotFinal, journal.PreviousCount);
        // 24 bytes per final document (index) and about 1 KB per document not yet final: far below the file's size
        long bound = (Final * 32L) + (NotFinal * 1024L) + (2 * 1024 * 1024);
        Assert.True(retained < bound, $"the open journal holds {retained / 1024} KiB (bound {bound / 1024} KiB, file {fileBytes / 1024} KiB)");
        Assert.True(retained < fileBytes / 10, $"the open journal holds {retained / 1024} KiB of a {fileBytes / 1024} KiB file");

        var client = new FiscalizingClient();
        var processor = new BatchProcessor(client, new BatchOptions { Journal = journal, MaxAwaitingResult = 16, Registers = BatchFixtures.FastRegisters, FirstPollDelay = BatchFixtures.FastFirstPoll, RequestsPerSecond = 0 });
        var input = Enumerable.Range(0, NotFinal).Select(i => Item(OpenId(i)))
            .Concat(Enumerable.Range(0, Sampled).Select(i => Item(FinalId(i * Step))))
            .Concat(Enumerable.Range(0, New).Select(i => Item("new-" + i)));
        var kinds = new Dictionary<string, int>();
        var wrong = new List<string>();
        clock.Restart();
        await foreach (var outcome in processor.ProcessAsync(input, BatchFixtures.Ct))
        {
            if (outcome.Kind != BatchOutcomeKind.Done || outcome.FromJournal != outcome.ExternalId.StartsWith("final-", StringComparison.Ordinal))
            {
                wrong.Add($"{outcome.ExternalId}: {outcome.Kind} from_journal={outcome.FromJournal} {outcome.Error}"); // all of them, not only the first
                continue;
            }

            string group = outcome.ExternalId[..outcome.ExternalId.IndexOf('-', StringComparison.Ordinal)];
            kinds[group] = kinds.GetValueOrDefault(group) + 1;
            if (group == "final")
            {
                int n = int.Parse(outcome.ExternalId.AsSpan(6), CultureInfo.InvariantCulture);
                Assert.True(outcome.FromJournal);
                Assert.Equal(new BatchFiscalData("9999078900001234", n, 3_000_000_000L + n, 100.5m), outcome.FiscalData);
                Assert.Equal("uuid-final-" + n, outcome.Uuid);
            }
        }

        var resumed = clock.Elapsed;
        Assert.True(wrong.Count == 0, $"{wrong.Count} unexpected outcomes: " + string.Join("; ", wrong.Take(20)));
        long afterRun = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Equal(NotFinal, kinds["open"]);
        Assert.Equal(Sampled, kinds["final"]);
        Assert.Equal(New, kinds["new"]);
        Assert.Equal(New, client.Registrations); // the sent documents were polled, never registered again
        Assert.True(afterRun - before < bound, $"after the run the journal holds {(afterRun - before) / 1024} KiB");

        string figures = string.Create(CultureInfo.InvariantCulture,
            $"journal {Lines} lines, {fileBytes / (1024 * 1024)} MiB ({Final} final, {NotFinal} not final); generated in {generated.TotalSeconds:F1} s; " +
            $"opened in {opened.TotalSeconds:F1} s; heap {before / 1024} KiB before opening; held by the open journal {retained / 1024} KiB ({(double)(retained - (NotFinal * 600L)) / Final:F1} B per final document if a not-final one takes 600 B); " +
            $"after resuming {NotFinal + Sampled + New} documents in {resumed.TotalSeconds:F1} s: {(afterRun - before) / 1024} KiB; peak working set of the test process {Environment.WorkingSet / (1024 * 1024)} MiB now, {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MiB peak");
        TestContext.Current.TestOutputHelper?.WriteLine(figures);
        if (Environment.GetEnvironmentVariable("ATOL_MEASUREMENTS_FILE") is { Length: > 0 } report)
        {
            await File.AppendAllTextAsync(report, figures + "\n", BatchFixtures.Ct);
        }

        await journal.DisposeAsync();
        File.Delete(path);
    }

    private static string FinalId(int i) => "final-" + i.ToString(CultureInfo.InvariantCulture);

    private static string OpenId(int i) => "open-" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the journal directly (sealed lines as the README describes them): fast, and independent of the writer under test.</summary>
    private static void WriteJournal(string path, Func<int, string?> hashOf)
    {
        const string Other = "0000000000000000000000000000000000000000000000000000000000000000";
        using var file = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        string Head(string id, string state) => $"{{\"time\":\"2026-11-28T12:00:00.0000000Z\",\"external_id\":\"{id}\",\"operation\":\"sell\",\"state\":\"{state}\"";
        for (int i = 0; i < Final; i++)
        {
            string id = FinalId(i), hash = hashOf(i) ?? Other, uuid = "uuid-final-" + i.ToString(CultureInfo.InvariantCulture);
            file.Write(JournalText.Seal(Head(id, "pending") + $",\"sha256\":\"{hash}\"}}"));
            file.Write(JournalText.Seal(Head(id, "sent") + $",\"uuid\":\"{uuid}\",\"sha256\":\"{hash}\"}}"));
            file.Write(JournalText.Seal(Head(id, "done") + string.Create(CultureInfo.InvariantCulture,
                $",\"uuid\":\"{uuid}\",\"sha256\":\"{hash}\",\"fn_number\":\"9999078900001234\",\"fiscal_document_number\":{i},\"fiscal_document_attribute\":{3_000_000_000L + i},\"total\":100.5}}")));
        }

        var template = SampleDocuments.Sell(1, 1, marked: false, agents: false);
        for (int i = 0; i < NotFinal; i++)
        {
            string id = OpenId(i), hash = BatchItem.Create(AtolV5Operations.Sell, template with { ExternalId = id }).ContentHash;
            file.Write(JournalText.Seal(Head(id, "pending") + $",\"sha256\":\"{hash}\"}}"));
            file.Write(JournalText.Seal(Head(id, "sent") + $",\"uuid\":\"uuid-open-{i}\",\"sha256\":\"{hash}\"}}"));
        }

    }

    /// <summary>Accepts and fiscalizes at once (no HTTP), counting registrations.</summary>
    private sealed class FiscalizingClient : IAtolRegistrationClient
    {
        private static readonly byte[] DoneReport = Encoding.UTF8.GetBytes(
            """{"uuid":"u","status":"done","timestamp":"28.11.2026 12:00:00","error":null,"payload":{"fn_number":"9999078900001234","fiscal_document_number":1,"fiscal_document_attribute":3449555941,"total":100.5}}""");

        private int _registrations;

        public int Registrations => Volatile.Read(ref _registrations);

        public AtolProtocolVersion ProtocolVersion => AtolProtocolVersion.V5;

        public Task<AtolRegistration> RegisterAsync<TDocument>(AtolOperation<TDocument> operation, TDocument document, CancellationToken cancellationToken = default)
            where TDocument : class, IAtolJsonModel<TDocument>, IAtolDocument
        {
            Interlocked.Increment(ref _registrations);
            return Task.FromResult(AtolModelFactory.Registration("u-" + document.ExternalId, document.ExternalId, operation.Name, timestamp: "28.11.2026 12:00:00"));
        }

        public Task<AtolReport> GetReportAsync(string uuid, CancellationToken cancellationToken = default) => Task.FromResult(AtolReport.Parse(AtolProtocolVersion.V5, DoneReport));

        public Task<AtolReport> WaitForReportAsync(string uuid, CancellationToken cancellationToken = default) => GetReportAsync(uuid, cancellationToken);
    }
}
