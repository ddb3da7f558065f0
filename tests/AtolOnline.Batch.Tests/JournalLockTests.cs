using System.Diagnostics;
using System.Text;
using AtolOnline.Emulator;
using AtolOnline.Json;

namespace AtolOnline.Batch.Tests;

/// <summary>One writer per journal: a second one, in this process or another, fails at once and is told who holds it.</summary>
public sealed class JournalLockTests
{
    [Fact]
    public async Task A_second_journal_on_the_same_file_in_the_same_process_fails_at_once_naming_this_process()
    {
        string path = BatchFixtures.TempFile("lock.jsonl");
        await using (var first = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            await first.RecordPendingAsync("l-1", "sell", new string('0', 64), BatchFixtures.Ct);
            var ex = await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct));
            Assert.Equal(Environment.ProcessId, ex.HolderProcessId);
            Assert.Contains($"process {Environment.ProcessId}", ex.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.RepairAsync(path, cancellationToken: BatchFixtures.Ct));
            await first.RecordSentAsync("l-1", "sell", "u-1", BatchFixtures.Ct); // the first one goes on undisturbed
        }

        await using (var second = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(second.TryGetPrevious("l-1", out var record));
            Assert.Equal(JournalState.Sent, record.State);
        }

        Assert.False(File.Exists(path + ".pid"));
        File.Delete(path);
    }

    [Fact]
    public async Task A_journal_held_by_a_running_atol_batch_is_refused_to_this_process_and_to_a_second_atol_batch()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync(o => o.ProcessingDelay = TimeSpan.FromSeconds(30)); // the run stays busy
        string input = BatchFixtures.TempFile("in.jsonl"), journal = BatchFixtures.TempFile("held.jsonl"), output = BatchFixtures.TempFile("out.jsonl"), output2 = BatchFixtures.TempFile("out2.jsonl");
        await File.WriteAllTextAsync(input, AtolJson.ToJsonString(SampleDocuments.Sell(1, 2, marked: false, agents: false) with { ExternalId = "held-1" }) + "\n", BatchFixtures.Ct);
        using var holder = AtolCli.Start(AtolCli.Batch(atol.BaseAddress, input, journal, output), environment: AtolCli.Password);
        try
        {
            // wait (bounded) until the child holds the journal (it names itself next to it) and has sent its document
            for (int i = 0; i < 600 && !(File.Exists(journal + ".pid") && File.ReadAllText(journal + ".pid").Trim() == holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)
                && atol.Documents.Any(d => d.ExternalId == "held-1")); i++)
            {
                Assert.False(holder.HasExited, "the holder ended early");
                await Task.Delay(50, BatchFixtures.Ct);
            }

            var ex = await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.OpenAsync(journal, cancellationToken: BatchFixtures.Ct));
            Assert.Equal(holder.Id, ex.HolderProcessId);

            var stderr = new StringBuilder();
            using var second = AtolCli.Start(AtolCli.Batch(atol.BaseAddress, input, journal, output2), stderr: stderr, environment: AtolCli.Password);
            await second.WaitForExitAsync(BatchFixtures.Ct);
            second.WaitForExit();
            Assert.Equal(2, second.ExitCode);
            string message = stderr.ToString().Trim();
            Assert.DoesNotContain('\n', message);
            Assert.Contains("in use", message, StringComparison.Ordinal);
            Assert.Contains($"process {holder.Id}", message, StringComparison.Ordinal);
            Assert.Single(atol.Documents, d => d.ExternalId == "held-1"); // the refused run sent nothing
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            await holder.WaitForExitAsync(BatchFixtures.Ct);
        }

        // the lock dies with its process: the journal opens again
        await using (var reopened = await FileBatchJournal.OpenAsync(journal, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(reopened.TryGetPrevious("held-1", out _));
        }

        foreach (var path in new[] { input, journal, output, output2, journal + ".pid" })
        {
            File.Delete(path);
        }
    }
}
