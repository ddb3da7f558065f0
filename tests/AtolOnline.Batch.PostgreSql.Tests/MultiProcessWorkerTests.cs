using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AtolOnline.Emulator;
using AtolOnline.Json;

namespace AtolOnline.Batch.PostgreSql.Tests;

/// <summary>
/// The scale-out test with real processes: four <c>atol worker</c> processes over one queue of 5,000 documents
/// against the emulator of this test with 5 % faults; two are SIGKILLed mid-run (holding leases) and restarted. The
/// emulator's request log proves that every document was stored once, and the queue and the emulator agree document
/// by document. The emulator processes instantly (ProcessingDelay 0) so the test runs in CI in a minute or two: it
/// tests correctness, not ATOL's speed.
/// </summary>
public sealed partial class MultiProcessWorkerTests(PostgresServer server)
{
    private const int Count = 5000;

    [Fact]
    public async Task Four_worker_processes_two_killed_and_restarted_register_every_document_exactly_once()
    {
        await using var atol = await QueueFixtures.StartEmulatorAsync(o =>
        {
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Status503, Probability = 0.02 });
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Register, Kind = FaultKind.Drop, Probability = 0.01, Timing = FaultTiming.AfterStore });
            o.Faults.Add(new FaultRule { Endpoint = FaultEndpoint.Report, Kind = FaultKind.Status502, Probability = 0.02 });
        });
        var (source, store) = server.NewQueue("procs");
        await using var _ = source;
        string input = Path.Combine(Path.GetTempPath(), $"atol-queue-{Guid.NewGuid():N}.jsonl");
        string export = Path.ChangeExtension(input, ".done.jsonl");
        var lines = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            lines.AppendLine(AtolJson.ToJsonString(QueueFixtures.Sell(i, $"mp-{i}", wrongInn: i % 500 == 7)));
        }

        await File.WriteAllTextAsync(input, lines.ToString(), QueueFixtures.Ct);
        try
        {
            var push = await AtolCli.RunAsync("queue", "push", input, "--operation", "sell", "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.True(push.Exit == 0, push.Err);
            Assert.Contains($"добавлено {Count}, уже в очереди 0", push.Out, StringComparison.Ordinal);
            var again = await AtolCli.RunAsync("queue", "push", input, "--operation", "sell", "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.Contains($"добавлено 0, уже в очереди {Count}", again.Out, StringComparison.Ordinal);

            var workers = Enumerable.Range(0, 4).Select(_ => StartWorker(atol, store)).ToList();
            // Killed after an amount of work (counted by the emulator), not after a time.
            var giveUp = Stopwatch.StartNew();
            while (atol.GetRequests().Accepted < Count / 3 && giveUp.Elapsed < TimeSpan.FromMinutes(3))
            {
                await Task.Delay(10, QueueFixtures.Ct);
            }

            var killed = workers.Take(2).ToList();
            foreach (var worker in killed)
            {
                Assert.False(worker.Process.HasExited, "a worker finished before it could be killed: " + AtolCli.Text(worker.Err));
                worker.Process.Kill(); // SIGKILL: no chance to give anything back
                await worker.Process.WaitForExitAsync(QueueFixtures.Ct);
            }

            // The documents the dead held, with their claim counts then: a claim after this moment is a takeover.
            var heldByDead = new Dictionary<string, int>(StringComparer.Ordinal);
            await foreach (var document in store.ReadAllAsync(QueueFixtures.Ct))
            {
                if (document.LeaseOwner is { } owner && killed.Any(k => owner.Contains($":{k.Process.Id}:", StringComparison.Ordinal)))
                {
                    heldByDead[document.ExternalId] = document.Attempts;
                }
            }

            Assert.True(heldByDead.Count > 0, "the killed workers held no leases: the test must kill them mid-work");
            var restarted = Enumerable.Range(0, 2).Select(_ => StartWorker(atol, store)).ToList();
            var finishing = workers.Skip(2).Concat(restarted).ToList();
            foreach (var worker in finishing)
            {
                await worker.Process.WaitForExitAsync(QueueFixtures.Ct);
                worker.Process.WaitForExit();
                Assert.True(worker.Process.ExitCode == 0, $"worker exited {worker.Process.ExitCode}: {AtolCli.Text(worker.Err)}");
            }

            // Every document the dead held ended final. Most were claimed again after their lease ran out; a few may
            // have been finished instead by a live worker that had held them before and lost its lease to the dead one
            // while the machine was loaded (its fence guarded the send; the report it records is ATOL's, whoever writes
            // it). So the takeovers the workers print cover the documents claimed again, not every document held.
            int reclaimed = 0;
            foreach (var (externalId, attemptsAtKill) in heldByDead)
            {
                var document = await store.FindAsync(externalId, QueueFixtures.Ct);
                Assert.NotNull(document);
                Assert.True(document.State is JournalState.Done or JournalState.Failed, $"{externalId}, held by a killed worker, ended {document.State}");
                reclaimed += document.Attempts > attemptsAtKill ? 1 : 0;
            }

            long takenOver = finishing.Sum(w => TakenOver(AtolCli.Text(w.Out)));
            Assert.True(reclaimed > 0, $"none of the {heldByDead.Count} documents the killed workers held was claimed again");
            Assert.True(takenOver >= reclaimed, $"taken over {takenOver}, but {reclaimed} of the {heldByDead.Count} documents the dead held were claimed again");

            await QueueWorkerTests.AssertQueueMatchesEmulatorAsync(store, atol, "mp", Count);
            var status = await store.GetStatusAsync(QueueFixtures.Ct);
            Assert.Equal((Count - 10L, 10L, 0L, 0L), (status.Done, status.Failed, status.Pending, status.Sent));

            var cliStatus = await AtolCli.RunAsync("queue", "status", "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.Contains($"done: {Count - 10}", cliStatus.Out, StringComparison.Ordinal);
            Assert.Contains("oldest pending: none", cliStatus.Out, StringComparison.Ordinal);
            var exported = await AtolCli.RunAsync("queue", "export", "--state", "done", "--out", export, "--postgres", server.ConnectionString, "--queue", store.Name);
            Assert.True(exported.Exit == 0, exported.Err);
            var records = await File.ReadAllLinesAsync(export, QueueFixtures.Ct);
            Assert.Equal(Count - 10, records.Length);
            Assert.All(records, r => Assert.Contains("\"fiscal_document_number\":", r, StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(input);
            File.Delete(export);
        }
    }

    private (Process Process, StringBuilder Out, StringBuilder Err) StartWorker(AtolEmulator atol, PostgresQueueStore store)
    {
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var process = AtolCli.Start(AtolCli.Worker(atol.BaseAddress, server.ConnectionString, store.Name), stdout, stderr);
        return (process, stdout, stderr);
    }

    private static long TakenOver(string output) =>
        TakenOverPattern().Match(output) is { Success: true } match ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"taken over (\d+)")]
    private static partial Regex TakenOverPattern();
}
