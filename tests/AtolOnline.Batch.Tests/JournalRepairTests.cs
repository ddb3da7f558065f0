using System.Text;
using AtolOnline.Client.Tests;
using static AtolOnline.Batch.Tests.JournalForge;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// Repair over each kind of damage: exactly which lines are kept (by content), the backup's name and bytes, the counts
/// returned and the problems passed to the callback.
/// </summary>
public sealed class JournalRepairTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 30, 15, TimeSpan.Zero);
    private const string BackupSuffix = ".bak-20261201T093015Z";

    private static readonly string Pending = Sealed("r-1", "pending", $",\"sha256\":\"{new string('a', 64)}\"");
    private static readonly string Sent = Sealed("r-1", "sent", ",\"uuid\":\"u-1\"");
    private static readonly string Done = Sealed("r-1", "done", ",\"uuid\":\"u-1\",\"fn_number\":\"9999078900001234\",\"fiscal_document_number\":17,\"fiscal_document_attribute\":3449555941,\"total\":120.50");

    private static async Task<(JournalRepair Repair, List<JournalProblem> Dropped)> RepairAsync(string path)
    {
        var dropped = new List<JournalProblem>();
        var repair = await FileBatchJournal.RepairAsync(path, dropped.Add, new FakeClock(Now), BatchFixtures.Ct);
        return (repair, dropped);
    }

    /// <summary>Repairs <paramref name="original"/> and checks the backup (name and bytes) and the rewritten journal.</summary>
    private static async Task<(JournalRepair Repair, List<JournalProblem> Dropped)> RepairAndCheckAsync(string name, byte[] original, string expected)
    {
        string path = BatchFixtures.TempFile(name);
        await File.WriteAllBytesAsync(path, original, BatchFixtures.Ct);
        try
        {
            var result = await RepairAsync(path);
            string backup = Path.GetFullPath(path) + BackupSuffix;
            Assert.Equal(backup, result.Repair.BackupPath);
            Assert.Equal([backup], Siblings(path));
            Assert.Equal(original, await File.ReadAllBytesAsync(backup, BatchFixtures.Ct));
            Assert.Equal(expected, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(path, BatchFixtures.Ct)));
            Assert.True((await FileBatchJournal.VerifyAsync(path, cancellationToken: BatchFixtures.Ct)) is { Problems: 0, LinesWithoutChecksum: 0, TornTailBytes: 0 });
            return result;
        }
        finally
        {
            Delete(path);
        }
    }

    private static string Excerpt(string line) => line.TrimEnd('\n')[..Math.Min(120, line.TrimEnd('\n').Length)];

    [Fact]
    public async Task A_clean_journal_is_left_untouched_and_no_backup_is_written()
    {
        string path = Write("clean.jsonl", Pending + Sent + Done);
        byte[] before = await File.ReadAllBytesAsync(path, BatchFixtures.Ct);

        var (repair, dropped) = await RepairAsync(path);

        Assert.Equal(new JournalRepair(null, 3, 0, 0, 0), repair);
        Assert.Empty(dropped);
        Assert.Equal(before, await File.ReadAllBytesAsync(path, BatchFixtures.Ct));
        Assert.Empty(Siblings(path)); // no backup, no pid file left
        Delete(path);
    }

    [Fact]
    public async Task A_line_with_a_bad_checksum_is_dropped_alone()
    {
        // the sealed sent line with its uuid changed: valid JSON whose checksum no longer matches
        string damaged = Sent.Replace("u-1", "u-9", StringComparison.Ordinal);
        string original = Pending + damaged + Done;
        uint says = JournalText.Crc32(Encoding.UTF8.GetBytes(Sent[..Sent.IndexOf(",\"crc\"", StringComparison.Ordinal)]));
        uint gives = JournalText.Crc32(Encoding.UTF8.GetBytes(damaged[..damaged.IndexOf(",\"crc\"", StringComparison.Ordinal)]));

        var (repair, dropped) = await RepairAndCheckAsync("badcrc.jsonl", Encoding.UTF8.GetBytes(original), Pending + Done);

        Assert.Equal((2L, 1L, 0L, 0L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        var problem = Assert.Single(dropped);
        string expected = $"checksum mismatch (line says {says:x8}, content gives {gives:x8})";
        Assert.Equal(new JournalProblem(2, Pending.Length, expected, Excerpt(damaged)), problem);
        Assert.Equal($"line 2 (byte {Pending.Length}): {expected}: {Excerpt(damaged)}", problem.ToString());
    }

    [Fact]
    public async Task A_torn_last_line_is_cut_and_counted()
    {
        var (repair, dropped) = await RepairAndCheckAsync("torn.jsonl", Encoding.UTF8.GetBytes(Pending + Sent + "{\"torn"), Pending + Sent);

        Assert.Equal((2L, 0L, 0L, 6L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        Assert.Empty(dropped);
    }

    [Fact]
    public async Task An_older_versions_lines_get_a_checksum_and_their_trailing_blanks_are_trimmed()
    {
        string first = Body("old-1", "pending");
        string second = Body("old-1", "sent", ",\"uuid\":\"u-1\"");
        string original = first + " \t\r\n" + second + "\n" + Sent;

        var (repair, dropped) = await RepairAndCheckAsync("legacy.jsonl", Encoding.UTF8.GetBytes(original), JournalText.Seal(first) + JournalText.Seal(second) + Sent);

        Assert.Equal((3L, 0L, 2L, 0L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        Assert.Empty(dropped);
    }

    [Fact]
    public async Task A_good_line_without_checksum_after_sealed_lines_is_kept_and_sealed_not_dropped()
    {
        string late = Body("r-2", "pending");
        string original = Pending + late + "\n" + Done;

        var (repair, dropped) = await RepairAndCheckAsync("late.jsonl", Encoding.UTF8.GetBytes(original), Pending + JournalText.Seal(late) + Done);

        Assert.Equal((3L, 0L, 1L, 0L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        Assert.Empty(dropped);
    }

    [Fact]
    public async Task An_over_long_line_is_dropped_as_longer_than_64_KiB()
    {
        string original = Pending + new string('x', 70_000) + "\n" + Done;

        var (repair, dropped) = await RepairAndCheckAsync("long.jsonl", Encoding.UTF8.GetBytes(original), Pending + Done);

        Assert.Equal((2L, 1L, 0L, 0L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        Assert.Equal(new JournalProblem(2, Pending.Length, "longer than 64 KiB", ""), Assert.Single(dropped));
    }

    [Fact]
    public async Task A_non_JSON_line_is_dropped_with_its_excerpt_showing_control_and_invalid_bytes_as_question_marks()
    {
        byte[] garbage = [.. "gar"u8, 0x01, .. "b\tage"u8, 0xFF, .. "!"u8];
        byte[] original = [.. Encoding.UTF8.GetBytes(Pending), .. garbage, (byte)'\n', .. Encoding.UTF8.GetBytes(Done)];

        var (repair, dropped) = await RepairAndCheckAsync("garbage.jsonl", original, Pending + Done);

        Assert.Equal((2L, 1L), (repair.Kept, repair.Dropped));
        Assert.Equal(new JournalProblem(2, Pending.Length, "not a journal record: 'g' is an invalid start of a value", "gar?b?age?!"), Assert.Single(dropped));
    }

    [Fact]
    public async Task A_line_missing_a_required_member_is_dropped()
    {
        string missing = JournalText.Seal($"{{\"time\":\"{Time}\",\"external_id\":\"r-1\",\"state\":\"pending\"}}");
        string original = Pending + missing + Done;

        var (repair, dropped) = await RepairAndCheckAsync("missing.jsonl", Encoding.UTF8.GetBytes(original), Pending + Done);

        Assert.Equal((2L, 1L), (repair.Kept, repair.Dropped));
        Assert.Equal(new JournalProblem(2, Pending.Length, "a member is missing (time, external_id, operation and state are required)", Excerpt(missing)), Assert.Single(dropped));
    }

    [Fact]
    public async Task A_line_with_a_member_twice_is_dropped_and_lines_after_it_are_kept()
    {
        string twice = Sealed("r-1", "sent", ",\"uuid\":\"u-1\",\"uuid\":\"u-2\"");
        string original = Pending + twice + Sent + Done;

        var (repair, dropped) = await RepairAndCheckAsync("twice.jsonl", Encoding.UTF8.GetBytes(original), Pending + Sent + Done);

        Assert.Equal((3L, 1L), (repair.Kept, repair.Dropped));
        Assert.Equal(new JournalProblem(2, Pending.Length, "member \"uuid\" appears twice", Excerpt(twice)), Assert.Single(dropped));
    }

    [Fact]
    public async Task A_journal_far_bigger_than_the_rewrite_buffer_is_rewritten_byte_for_byte()
    {
        // > 32 KiB of kept lines: the rewrite writes in several pieces; every line must land exactly once, in order.
        var legacy = new StringBuilder();
        var expected = new StringBuilder();
        for (int i = 0; i < 700; i++)
        {
            string body = Body($"big-{i}", "sent", $",\"uuid\":\"u-{i}\"");
            legacy.Append(body).Append('\n');
            expected.Append(JournalText.Seal(body));
        }

        legacy.Append("{\"torn");
        Assert.True(expected.Length > 2 * (1 << 15));

        var (repair, dropped) = await RepairAndCheckAsync("big.jsonl", Encoding.UTF8.GetBytes(legacy.ToString()), expected.ToString());

        Assert.Equal((700L, 0L, 700L, 6L), (repair.Kept, repair.Dropped, repair.ChecksumsAdded, repair.TornTailBytes));
        Assert.Empty(dropped);
    }

    [Fact]
    public async Task A_missing_journal_is_not_created_by_repair()
    {
        string path = BatchFixtures.TempFile("absent.jsonl");
        string full = Path.GetFullPath(path);

        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => FileBatchJournal.RepairAsync(path, cancellationToken: BatchFixtures.Ct));

        Assert.Equal($"journal {full} does not exist", ex.Message);
        Assert.Equal(full, ex.FileName);
        Assert.False(File.Exists(full));
    }
}
