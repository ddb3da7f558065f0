using System.Text.Json;
using AtolOnline.Emulator;
using AtolOnline.Protocol;

namespace AtolOnline.Batch.Tests;

internal static class BatchFixtures
{
    /// <summary>The group of ATOL's v5 test account, where every batch test registers.</summary>
    public const string Group = "v5-online-atol-ru_5179";

    /// <summary>Registers of the tests' group where the report limit is not under test (the emulator answers at once).</summary>
    public const int FastRegisters = 1000;

    /// <summary>First poll of the tests where the emulator answers at once.</summary>
    public static readonly TimeSpan FastFirstPoll = TimeSpan.FromMilliseconds(5);

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

    /// <summary>A document the register refuses (an INN other than the group's): its report ends <c>fail</c>.</summary>
    public static BatchItem WrongInn(string externalId)
    {
        var document = SampleDocuments.Sell(9, 2, marked: false, agents: false);
        document = document with { ExternalId = externalId, Receipt = document.Receipt with { Company = document.Receipt.Company with { Inn = "7707083893" } } };
        return BatchItem.Create(AtolV5Operations.Sell, document);
    }

    public static string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"atol-batch-{Guid.NewGuid():N}-{name}");

    /// <summary>
    /// Asserts that each of the <paramref name="expected"/> external_ids with <paramref name="prefix"/> was stored
    /// exactly once, by the emulator's request log: one registration that stored a document per external_id. Extra
    /// registrations (answered 33) are allowed here: these tests inject lost answers, which a client must resend.
    /// </summary>
    public static void AssertExactlyOnce(AtolEmulator atol, int expected, string prefix)
    {
        var requests = atol.GetRequests();
        var named = requests.ByExternalId.Where(r => r.GroupCode == Group && r.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();
        Assert.Equal(expected, named.Count);
        var notOnce = named.Where(r => r.Accepted != 1).Select(r => $"{r.ExternalId} accepted {r.Accepted}x").ToList();
        Assert.True(notOnce.Count == 0, "not stored exactly once: " + string.Join(", ", notOnce.Take(10)));
        Assert.Equal(expected, atol.Documents.Count(d => d.ExternalId.StartsWith(prefix + "-", StringComparison.Ordinal)));
    }

    /// <summary>One line of a journal file: its members as JSON (whatever else a line carries around the object).</summary>
    public sealed record JournalLine(long Number, string ExternalId, string State, string? Uuid, JsonElement Json);

    /// <summary>Every complete line of a journal, in order (a torn, newline-less end is skipped).</summary>
    public static List<JournalLine> ReadJournalLines(string path)
    {
        var lines = new List<JournalLine>();
        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream))
        {
            text = reader.ReadToEnd();
        }

        int end = text.LastIndexOf('\n');
        long number = 0;
        foreach (var raw in text[..(end + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            number++;
            int open = raw.IndexOf('{', StringComparison.Ordinal), close = raw.LastIndexOf('}');
            Assert.True(open >= 0 && close > open, $"journal line {number} is not a JSON object: {raw}");
            var json = JsonDocument.Parse(raw[open..(close + 1)]).RootElement.Clone();
            lines.Add(new JournalLine(
                number,
                json.GetProperty("external_id").GetString()!,
                json.GetProperty("state").GetString()!,
                json.TryGetProperty("uuid", out var uuid) ? uuid.GetString() : null,
                json));
        }

        return lines;
    }

    /// <summary>
    /// Asserts that every <c>done</c> line of the journal carries the fiscal data of the emulator's final report of that
    /// uuid (a <c>done</c> written before the report was known has none), and that no document the register failed
    /// was ever journaled <c>done</c>. Returns how many done lines were checked.
    /// </summary>
    public static int AssertDoneLinesCarryFiscalData(AtolEmulator atol, string journalPath)
    {
        int checkedLines = 0;
        foreach (var line in ReadJournalLines(journalPath).Where(l => l.State == "done"))
        {
            Assert.True(line.Uuid is not null, $"journal line {line.Number} ({line.ExternalId}): done without a uuid");
            var document = atol.FindDocument(line.Uuid!);
            Assert.True(document is not null, $"journal line {line.Number}: done for {line.Uuid}, which the emulator never registered");
            Assert.True(document!.Status == DocumentState.Done, $"journal line {line.Number} ({line.ExternalId}): done, but the emulator's document is {document.Status}");
            var payload = JsonDocument.Parse(document.Report).RootElement.GetProperty("payload");
            foreach (var member in new[] { "fiscal_document_number", "fiscal_document_attribute", "fn_number" })
            {
                Assert.True(line.Json.TryGetProperty(member, out var value), $"journal line {line.Number} ({line.ExternalId}): done without {member}");
                Assert.Equal(payload.GetProperty(member).GetRawText(), value.GetRawText());
            }

            Assert.Equal(document.FiscalDocumentNumber, line.Json.GetProperty("fiscal_document_number").GetInt64());
            checkedLines++;
        }

        return checkedLines;
    }

    public static async Task<List<BatchOutcome>> RunAsync(AtolEmulator atol, string journalPath, IEnumerable<BatchItem> items, Action<BatchOptions>? configure = null)
    {
        await using var journal = await FileBatchJournal.OpenAsync(journalPath, cancellationToken: Ct);
        var options = new BatchOptions { Journal = journal, RequestsPerSecond = 0, MaxAwaitingResult = 8, Registers = FastRegisters, FirstPollDelay = FastFirstPoll };
        configure?.Invoke(options);
        var outcomes = new List<BatchOutcome>();
        await foreach (var outcome in new BatchProcessor(Client(atol), options).ProcessAsync(items, Ct))
        {
            outcomes.Add(outcome);
        }

        return outcomes;
    }
}
