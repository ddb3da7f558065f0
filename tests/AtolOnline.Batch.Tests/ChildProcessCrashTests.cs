using System.Diagnostics;
using System.Text;
using AtolOnline.Cli.Demo;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// The crash test with real processes: <c>atol batch</c> runs as a child process and is killed (SIGKILL, no chance
/// to clean up) at random points, then restarted with the same journal, until a run finishes.
/// </summary>
public sealed class ChildProcessCrashTests
{
    [Fact]
    public async Task Killed_batch_processes_resume_from_the_journal_without_loss_or_duplicates()
    {
        const int count = 300;
        await using var atol = await BatchFixtures.StartEmulatorAsync();
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
        while (runs < 30)
        {
            runs++;
            using var child = StartBatch(atol.BaseAddress, input, journal, output);
            bool kill = runs <= 6;
            if (kill && !child.WaitForExit(random.Next(300, 1500)))
            {
                child.Kill(entireProcessTree: true);
                kills++;
            }

            await child.WaitForExitAsync(BatchFixtures.Ct);
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
        Assert.True(kills >= 2, "the test must actually kill runs mid-way");
        BatchFixtures.AssertExactlyOnce(atol, count, "child");
        var states = await FileBatchJournal.ReadStatesAsync(journal, BatchFixtures.Ct);
        Assert.Equal(count, states.Count);
        Assert.All(states.Values, s => Assert.Equal(JournalState.Done, s.State));
        foreach (var path in new[] { input, journal, output })
        {
            File.Delete(path);
        }
    }

    private static Process StartBatch(Uri baseAddress, string input, string journal, string output)
    {
        string cli = Path.Combine(AppContext.BaseDirectory, "atol.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "batch", input, "--operation", "sell", "--journal", journal, "--out", output, "--base-url", baseAddress.ToString(),
            "--login", "v5-online-atol-ru", "--group", "v5-online-atol-ru_5179", "--rps", "250", "--max-in-flight", "16" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ATOL_PASSWORD"] = "zUr0OxfI";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
