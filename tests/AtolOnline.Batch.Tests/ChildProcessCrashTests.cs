using System.Diagnostics;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The crash test with real processes: <c>atol batch</c> runs as a child process and is killed (SIGKILL, no chance
/// to clean up) at random points, then restarted with the same journal, until a run finishes. The children talk to
/// the emulator of this test (<c>--base-url</c>), whose request log proves what each run sent. In callback mode each
/// run listens on its own port with its own key: callbacks of documents an earlier run registered do not verify, and
/// those documents are polled.
/// </summary>
public sealed class ChildProcessCrashTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Killed_batch_processes_resume_from_the_journal_without_loss_or_duplicates(bool callbacks)
    {
        const int count = 300;
        // With callbacks a document ends as soon as it is processed: 200 ms each keeps a run long enough to be killed mid-way.
        await using var atol = await BatchFixtures.StartEmulatorAsync(o =>
        {
            o.Registers = 50;
            o.ProcessingDelay = callbacks ? TimeSpan.FromMilliseconds(200) : TimeSpan.Zero;
        });
        string input = BatchFixtures.TempFile("input.jsonl");
        string journal = BatchFixtures.TempFile("journal.jsonl");
        string output = BatchFixtures.TempFile("out.jsonl");
        var lines = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            lines.AppendLine(AtolJson.ToJsonString(SampleDocuments.Sell(i, 3, marked: false, agents: false) with { ExternalId = "child-" + i }));
        }

        await File.WriteAllTextAsync(input, lines.ToString(), BatchFixtures.Ct);
        var random = new Random(2026);
        int kills = 0, runs = 0, exit = -1;
        var registrations = new Dictionary<string, int>(StringComparer.Ordinal);
        var accepted = new Dictionary<string, int>(StringComparer.Ordinal);
        var pendingAtStart = new Dictionary<string, int>(StringComparer.Ordinal);
        var resumedFrom = new HashSet<JournalState>();
        while (runs < 30)
        {
            runs++;
            var before = File.Exists(journal) ? await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct) : new Dictionary<string, JournalRecord>();
            atol.ClearRequests();
            using var child = StartBatch(atol.BaseAddress, input, journal, output, callbacks);
            bool kill = runs <= 4;
            if (kill)
            {
                // Killed after a random amount of work (counted by the emulator), not after a random time: a child
                // still starting up would be killed before it sent anything.
                // With callbacks the work is registrations alone: four kills must fit in the 300 documents.
                int killAfter = callbacks ? random.Next(20, 70) : random.Next(30, 200);
                var giveUp = DateTime.UtcNow.AddSeconds(60);
                while (!child.HasExited && DateTime.UtcNow < giveUp && Work(atol.GetRequests()) < killAfter)
                {
                    await Task.Delay(2, BatchFixtures.Ct);
                }

                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                    kills++;
                }
            }

            await child.WaitForExitAsync(BatchFixtures.Ct);
            foreach (var state in before.Values.Select(r => r.State))
            {
                resumedFrom.Add(state);
            }

            AssertRunSentNothingTwice(atol.GetRequests(), before, runs);
            foreach (var r in atol.GetRequests().ByExternalId)
            {
                registrations[r.ExternalId] = registrations.GetValueOrDefault(r.ExternalId) + r.Registrations;
                accepted[r.ExternalId] = accepted.GetValueOrDefault(r.ExternalId) + r.Accepted;
            }

            foreach (var (id, _) in before.Where(p => p.Value.State == JournalState.Pending))
            {
                pendingAtStart[id] = pendingAtStart.GetValueOrDefault(id) + 1;
            }

            if (!kill || child.ExitCode == 0)
            {
                exit = child.ExitCode;
                if (exit == 0)
                {
                    break;
                }
            }
        }

        Assert.True(exit == 0, $"the last run did not finish cleanly (exit {exit}): {await File.ReadAllTextAsync(output, BatchFixtures.Ct)}");
        Assert.True(kills >= 3, "the test must actually kill runs mid-way");
        Assert.Superset(new HashSet<JournalState> { JournalState.Sent, JournalState.Done }, resumedFrom); // runs resumed with work in every later state
        // Across all runs: every external_id stored once, and registered more than once only when a run started with
        // it `pending` (its request may or may not have reached ATOL before the kill: the only case a resend is right).
        Assert.Equal(count, accepted.Count);
        Assert.All(accepted, p => Assert.True(p.Value == 1, $"{p.Key} stored {p.Value} times"));
        Assert.All(registrations, p => Assert.True(
            p.Value <= 1 + pendingAtStart.GetValueOrDefault(p.Key),
            $"{p.Key} registered {p.Value} times, pending at the start of {pendingAtStart.GetValueOrDefault(p.Key)} runs"));
        Assert.Equal(count, atol.Documents.Count(d => d.ExternalId.StartsWith("child-", StringComparison.Ordinal)));
        var states = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        Assert.Equal(count, states.Count);
        Assert.All(states.Values, s => Assert.Equal(JournalState.Done, s.State));
        Assert.True(BatchFixtures.AssertDoneLinesCarryFiscalData(atol, journal) >= count);
        foreach (var path in new[] { input, journal, output })
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// What one run sent, against the journal it started from: nothing registered that the journal had as sent, done
    /// or failed, and no report requested for a done or failed document.
    /// </summary>
    private static void AssertRunSentNothingTwice(AtolOnline.Emulator.EmulatorRequests requests, IReadOnlyDictionary<string, JournalRecord> before, int run)
    {
        foreach (var r in requests.ByExternalId.Where(r => r.Registrations > 0))
        {
            if (before.TryGetValue(r.ExternalId, out var record))
            {
                Assert.True(record.State == JournalState.Pending, $"run {run} registered {r.ExternalId}, which the journal had as {record.State}");
            }
        }

        foreach (var (id, record) in before.Where(p => p.Value.State is JournalState.Done or JournalState.Failed))
        {
            Assert.True(record.Uuid is not null && requests.ForUuid(record.Uuid).ReportRequests == 0, $"run {run} asked for the report of {id}, which the journal had as {record.State}");
        }
    }

    private static long Work(AtolOnline.Emulator.EmulatorRequests requests) => requests.Registrations + requests.ReportRequests;

    private static Process StartBatch(Uri baseAddress, string input, string journal, string output, bool callbacks)
    {
        string callbackUrl = $"http://127.0.0.1:{FreePort()}/atol/callback";
        string cli = Path.Combine(AppContext.BaseDirectory, "atol.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "batch", input, "--operation", "sell", "--journal", journal, "--out", output, "--base-url", baseAddress.ToString(),
            "--login", "v5-online-atol-ru", "--group", "v5-online-atol-ru_5179", "--rps", "250", "--max-awaiting", "16", "--registers", "50" })
        {
            start.ArgumentList.Add(arg);
        }

        if (callbacks)
        {
            foreach (var arg in new[] { "--callback-listen", callbackUrl, "--callback-public-url", callbackUrl, "--callback-grace", "20" })
            {
                start.ArgumentList.Add(arg);
            }
        }

        start.Environment["ATOL_PASSWORD"] = "zUr0OxfI";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
