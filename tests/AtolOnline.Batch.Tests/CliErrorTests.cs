using AtolOnline.Emulator;
using AtolOnline.Json;

namespace AtolOnline.Batch.Tests;

/// <summary>Bad paths, options, journals and oversized input: one line on standard error, exit 2, no stack trace, nothing sent.</summary>
public sealed class CliErrorTests
{
    public static TheoryData<string, string[]> BadBatches => new()
    {
        { "a directory", ["--journal", Path.GetTempPath()] },
        { "нет", ["--journal", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "j.jsonl")] },
        { "входной файл", ["--out", "{input}"] },
        { "журнал", ["--journal", "{journal}", "--out", "{journal}"] },
        { "--max-awaiting", ["--max-awaiting", "0"] },
        { "--max-awaiting", ["--max-awaiting", "10000000"] },
        { "--max-requests", ["--max-requests", "0"] },
        { "--registers", ["--registers", "0"] },
        { "--callback-grace", ["--callback-grace", "0"] },
        { "--callback-listen", ["--callback-listen", "http://127.0.0.1:1/cb"] },
        { "--callback-public-url", ["--callback-listen", "http://127.0.0.1:0/cb", "--callback-public-url", "https://shop.example.ru/cb?x=1"] },
        { "--rps", ["--rps", "1e-9"] },
        { "--rps", ["--rps", "-1"] },
        { "--rps", ["--rps", "Infinity"] },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task A_bad_path_or_option_is_one_line_and_exit_2(string expected, string[] options)
    {
        string input = BatchFixtures.TempFile("in.jsonl"), journal = BatchFixtures.TempFile("j.jsonl");
        string content = AtolJson.ToJsonString(SampleDocuments.Sell(1, 2, marked: false, agents: false) with { ExternalId = "cli-1" }) + "\n";
        await File.WriteAllTextAsync(input, content, BatchFixtures.Ct);
        string[] args = ["batch", input, "--operation", "sell", "--emulator", .. options.Select(o => o.Replace("{input}", input, StringComparison.Ordinal).Replace("{journal}", journal, StringComparison.Ordinal))];

        var (exit, _, err) = await AtolCli.RunAsync(args);

        AssertOneLine(exit, err, expected == "a directory" ? "каталог" : expected);
        Assert.Equal(content, await File.ReadAllTextAsync(input, BatchFixtures.Ct)); // the input is untouched
        Assert.False(File.Exists(journal) && new FileInfo(journal).Length > 0); // nothing was journaled
        File.Delete(input);
        File.Delete(journal);
    }

    [Fact]
    public async Task A_journal_with_a_damaged_line_stops_atol_batch_before_anything_is_sent()
    {
        await using var atol = await BatchFixtures.StartEmulatorAsync();
        string input = BatchFixtures.TempFile("in.jsonl"), journal = BatchFixtures.TempFile("j.jsonl"), output = BatchFixtures.TempFile("out.jsonl");
        await File.WriteAllTextAsync(input, AtolJson.ToJsonString(SampleDocuments.Sell(1, 2, marked: false, agents: false) with { ExternalId = "cli-j-1" }) + "\n", BatchFixtures.Ct);
        // the case: an older version's line whose uuid is a number
        const string Journal =
            "{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"x\",\"operation\":\"sell\",\"state\":\"sent\",\"uuid\":123}\n" +
            "{\"time\":\"2026-11-28T12:00:01Z\",\"external_id\":\"y\",\"operation\":\"sell\",\"state\":\"pending\"}\n";
        await File.WriteAllTextAsync(journal, Journal, BatchFixtures.Ct);

        var stdout = new System.Text.StringBuilder();
        var stderr = new System.Text.StringBuilder();
        using (var child = AtolCli.Start(AtolCli.Batch(atol.BaseAddress, input, journal, output), stdout, stderr, AtolCli.Password))
        {
            await child.WaitForExitAsync(BatchFixtures.Ct);
            child.WaitForExit();
            AssertOneLine(child.ExitCode, stderr.ToString(), "line 1 (byte 0)");
        }

        Assert.Contains("uuid", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("atol journal verify", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(Journal, await File.ReadAllTextAsync(journal, BatchFixtures.Ct));
        Assert.Empty(atol.Documents);

        var (verifyExit, verifyOut, _) = await AtolCli.RunAsync("journal", "verify", journal);
        Assert.Equal(1, verifyExit);
        Assert.Contains("line 1 (byte 0)", verifyOut, StringComparison.Ordinal);
        Assert.Contains("1 damaged", verifyOut, StringComparison.Ordinal);

        var (repairExit, repairOut, _) = await AtolCli.RunAsync("journal", "repair", journal);
        Assert.Equal(0, repairExit);
        Assert.Contains("dropped line 1", repairOut, StringComparison.Ordinal);
        string backup = Directory.GetFiles(Path.GetDirectoryName(journal)!, Path.GetFileName(journal) + ".bak-*").Single();
        Assert.Equal(Journal, await File.ReadAllTextAsync(backup, BatchFixtures.Ct));

        var (cleanExit, cleanOut, _) = await AtolCli.RunAsync("journal", "verify", journal);
        Assert.Equal(0, cleanExit);
        Assert.Contains("1 lines, all good", cleanOut, StringComparison.Ordinal);
        foreach (var path in new[] { input, journal, output, backup })
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task A_journal_over_2_GB_is_read_as_a_stream_and_refused_clearly_at_its_first_bad_line()
    {
        string journal = BatchFixtures.TempFile("huge.jsonl");
        string good = JournalText.Seal("{\"time\":\"2026-11-28T12:00:00Z\",\"external_id\":\"h-1\",\"operation\":\"sell\",\"state\":\"pending\"}");
        await using (var file = File.Create(journal))
        {
            await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(good), BatchFixtures.Ct);
            file.SetLength(2L * 1024 * 1024 * 1024 + 4096); // sparse: 2 GiB of zeros after one good line
        }

        var (exit, _, err) = await AtolCli.RunAsync("batch", journal + ".in", "--operation", "sell", "--emulator", "--journal", journal);
        AssertOneLine(exit, err, "файл не найден"); // the input check comes first and reads nothing
        await File.WriteAllTextAsync(journal + ".in", "", BatchFixtures.Ct);

        (exit, _, err) = await AtolCli.RunAsync("batch", journal + ".in", "--operation", "sell", "--emulator", "--journal", journal);

        AssertOneLine(exit, err, $"line 2 (byte {good.Length})");
        Assert.Contains("longer than 64 KiB", err, StringComparison.Ordinal);
        Assert.Equal(2L * 1024 * 1024 * 1024 + 4096, new FileInfo(journal).Length);
        File.Delete(journal);
        File.Delete(journal + ".in");
    }

    [Fact]
    public async Task Validate_refuses_an_endless_device_and_an_oversized_file_without_reading_them_whole()
    {
        string big = BatchFixtures.TempFile("big.json");
        await using (var file = File.Create(big))
        {
            file.SetLength(3L * 1024 * 1024 * 1024); // 3 GiB, sparse
        }

        var (exit, _, err) = await AtolCli.RunAsync("validate", big);
        AssertOneLine(exit, err, "1024 КиБ");
        if (File.Exists("/dev/zero"))
        {
            (exit, _, err) = await AtolCli.RunAsync("validate", "/dev/zero");
            AssertOneLine(exit, err, "1024 КиБ");
        }

        File.Delete(big);
    }

    private static void AssertOneLine(int exit, string stderr, string expected)
    {
        string message = stderr.Trim();
        Assert.True(exit == 2, $"exit {exit}: {message}");
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith("atol: ", message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
