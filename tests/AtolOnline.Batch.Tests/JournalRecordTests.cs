using System.Text;
using AtolOnline.Client.Tests;
using static AtolOnline.Batch.Tests.JournalForge;

namespace AtolOnline.Batch.Tests;

/// <summary>
/// What the journal reads back: earlier states of an external_id (recorded several times, across runs, in lines of any
/// length), the line numbers of appended lines, argument checks, and reading or opening a journal another holder has.
/// </summary>
public sealed class JournalRecordTests
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task Reading_states_stops_at_the_first_damaged_line()
    {
        string path = Write("states-bad.jsonl", Sealed("s-1", "pending") + "x first\n" + Sealed("s-2", "pending") + "x second\n");
        string full = Path.GetFullPath(path);

        var ex = await Assert.ThrowsAsync<JournalCorruptException>(() => FileBatchJournal.ReadStatesAsync(path, BatchFixtures.Ct));

        long offset = Sealed("s-1", "pending").Length;
        const string Problem = "not a journal record: 'x' is an invalid start of a value";
        Assert.Equal((full, 2L, offset, Problem), (ex.Path, ex.LineNumber, ex.ByteOffset, ex.Problem));
        Assert.Equal($"journal {full}: line 2 (byte {offset}) is damaged: {Problem}. Nothing was changed or sent; run `atol journal verify {full}`, then `atol journal repair {full}` (it keeps a backup)", ex.Message);
        Delete(path);
    }

    [Fact]
    public async Task A_line_without_uuid_or_hash_keeps_the_earlier_ones_and_a_later_one_replaces_them()
    {
        string path = Write("states.jsonl",
            Legacy("a", "pending", $",\"sha256\":\"{Hash}\"") +
            Legacy("a", "sent", ",\"uuid\":\"u-1\"") +             // keeps the hash
            Legacy("b", "sent", ",\"uuid\":\"u-1\"") +
            Legacy("b", "sent", ",\"uuid\":\"u-2\"") +             // a later uuid wins
            Legacy("c", "pending", $",\"sha256\":\"{new string('a', 64)}\"") +
            Legacy("c", "pending", $",\"sha256\":\"{new string('b', 64)}\"") + // a later hash wins
            Legacy("d", "sent", ",\"uuid\":\"u-4\"") +
            Legacy("d", "pending", $",\"sha256\":\"{Hash}\""));    // keeps the uuid

        var states = await FileBatchJournal.ReadStatesAsync(path, BatchFixtures.Ct);

        Assert.Equal(new JournalRecord(JournalState.Sent, "sell", "u-1") { ContentHash = Hash, LineNumber = 2 }, states["a"]);
        Assert.Equal(new JournalRecord(JournalState.Sent, "sell", "u-2") { LineNumber = 4 }, states["b"]);
        Assert.Equal(new JournalRecord(JournalState.Pending, "sell", null) { ContentHash = new string('b', 64), LineNumber = 6 }, states["c"]);
        Assert.Equal(new JournalRecord(JournalState.Pending, "sell", "u-4") { ContentHash = Hash, LineNumber = 8 }, states["d"]);
        Assert.Equal(4, states.Count);

        var verification = await FileBatchJournal.VerifyAsync(path, cancellationToken: BatchFixtures.Ct);
        Assert.Equal(new JournalVerification(8, 0, 8, 0), verification);
        Delete(path);
    }

    [Fact]
    public async Task Opening_checks_its_path_and_dates_lines_by_the_given_clock()
    {
        var empty = await Assert.ThrowsAsync<ArgumentException>(() => FileBatchJournal.OpenAsync("", cancellationToken: BatchFixtures.Ct));
        Assert.Equal("The value cannot be an empty string. (Parameter 'path')", empty.Message);

        string path = BatchFixtures.TempFile("clock.jsonl");
        var clock = new FakeClock(new DateTimeOffset(2026, 12, 1, 9, 30, 15, TimeSpan.FromHours(3)));
        await using (var journal = await FileBatchJournal.OpenAsync(path, clock, BatchFixtures.Ct))
        {
            Assert.Equal($"{Environment.ProcessId}\n", await File.ReadAllTextAsync(path + ".pid", BatchFixtures.Ct));
            await journal.RecordPendingAsync("t-1", "sell", Hash, BatchFixtures.Ct);
        }

        Assert.StartsWith("{\"time\":\"2026-12-01T06:30:15.0000000Z\",\"external_id\":\"t-1\"", JournalText.Lines(path)[0], StringComparison.Ordinal);
        Delete(path);
    }

    [Fact]
    public async Task A_plain_IO_failure_on_open_is_not_taken_for_a_lock_but_a_sharing_violation_is()
    {
        string path = BatchFixtures.TempFile("openfail.jsonl");
        string full = Path.GetFullPath(path);
        var gone = new IOException("disk gone");
        var thrown = await Assert.ThrowsAsync<IOException>(() => FileBatchJournal.OpenAsync(path, new FileBatchJournalOptions { OpenFile = _ => throw gone }, BatchFixtures.Ct));
        Assert.Same(gone, thrown);

        var sharing = new IOException("sharing violation", 32); // Windows' ERROR_SHARING_VIOLATION
        var locked = await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.OpenAsync(path, new FileBatchJournalOptions { OpenFile = _ => throw sharing }, BatchFixtures.Ct));
        Assert.Equal($"journal {full} is in use by another run: one writer per journal; wait for it to end or use another journal", locked.Message);
        Assert.Null(locked.HolderProcessId);
        Assert.Same(sharing, locked.InnerException);
        Assert.False(File.Exists(full));
    }

    [Fact]
    public async Task Reading_or_verifying_a_held_journal_names_the_holder()
    {
        string path = BatchFixtures.TempFile("held.jsonl");
        string full = Path.GetFullPath(path);
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var read = await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.ReadStatesAsync(path, BatchFixtures.Ct));
            Assert.Equal($"journal {full} is in use by another run (process {Environment.ProcessId}): one writer per journal; wait for it to end or use another journal", read.Message);
            Assert.Equal((full, Environment.ProcessId), (read.Path, read.HolderProcessId));
            var verify = await Assert.ThrowsAsync<JournalLockedException>(() => FileBatchJournal.VerifyAsync(path, cancellationToken: BatchFixtures.Ct));
            Assert.Equal(read.Message, verify.Message);
        }

        Delete(path);
    }

    [Fact]
    public async Task Arguments_are_checked_before_anything_is_written()
    {
        string path = BatchFixtures.TempFile("args.jsonl");
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            var state = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await journal.RecordFinalAsync("f-1", "sell", "u-1", JournalState.Sent, null, null, BatchFixtures.Ct));
            Assert.Equal("state", state.ParamName);
            Assert.Equal(JournalState.Sent, state.ActualValue);
            Assert.Equal("A final state is Done or Failed. (Parameter 'state')" + Environment.NewLine + "Actual value was Sent.", state.Message);

            var id = await Assert.ThrowsAsync<ArgumentException>(async () => await journal.RecordPendingAsync("", "sell", Hash, BatchFixtures.Ct));
            Assert.Equal("externalId", id.ParamName);

            var lookUp = Assert.Throws<ArgumentNullException>(() => journal.TryGetPrevious(null!, out _));
            Assert.Equal("externalId", lookUp.ParamName);
        }

        Assert.Equal(0, new FileInfo(path).Length);
        Delete(path);
    }

    [Fact]
    public async Task Appended_lines_are_numbered_after_the_earlier_runs_lines_and_marked_as_this_runs()
    {
        string path = Write("numbers.jsonl", Sealed("n-0", "pending") + Sealed("n-0", "sent", ",\"uuid\":\"u-0\""));
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(journal.TryGetPrevious("n-0", out var earlier));
            Assert.Equal(new JournalRecord(JournalState.Sent, "sell", "u-0") { LineNumber = 2 }, earlier);

            await journal.RecordPendingAsync("n-1", "sell", new string('a', 64), BatchFixtures.Ct);
            await journal.RecordPendingAsync("n-2", "sell", Hash, BatchFixtures.Ct);
            await journal.RecordPendingAsync("n-1", "sell", new string('b', 64), BatchFixtures.Ct); // a new hash replaces the earlier one
            await journal.RecordSentAsync("n-1", "sell", "u-1", BatchFixtures.Ct); // keeps the latest hash

            Assert.True(journal.TryGetPrevious("n-2", out var two));
            Assert.Equal(new JournalRecord(JournalState.Pending, "sell", null) { ContentHash = Hash, LineNumber = 4, RecordedThisRun = true }, two);
            Assert.True(journal.TryGetPrevious("n-1", out var one));
            Assert.Equal(new JournalRecord(JournalState.Sent, "sell", "u-1") { ContentHash = new string('b', 64), LineNumber = 6, RecordedThisRun = true }, one);

            await journal.RecordFinalAsync("n-1", "sell", null, JournalState.Failed, null, "refused", BatchFixtures.Ct);
            Assert.True(journal.TryGetPrevious("n-1", out var final));
            Assert.Equal(new JournalRecord(JournalState.Failed, "sell", "u-1") { ContentHash = new string('b', 64), Error = "refused", LineNumber = 7, RecordedThisRun = true }, final);
            Assert.False(journal.TryGetPrevious("n-9", out var none));
            Assert.Equal(default, none);
        }

        var lines = JournalText.Lines(path);
        Assert.Equal(7, lines.Length);
        Assert.Contains($"\"sha256\":\"{new string('b', 64)}\"", lines[4], StringComparison.Ordinal);
        Delete(path);
    }

    [Fact]
    public async Task The_latest_final_line_wins_among_several_of_one_external_id_in_earlier_runs_and_in_this_one()
    {
        // "x" is final three times in earlier runs, between final lines of other ids: the index holds three equal keys
        var text = new StringBuilder();
        for (int i = 0; i < 5; i++)
        {
            text.Append(Sealed($"o-{i}", "done", $",\"uuid\":\"o-{i}\""));
            text.Append(Sealed("x", "done", $",\"uuid\":\"u-{i}\""));
        }

        string path = Write("latest.jsonl", text.ToString());
        var clock = new FakeClock();
        await using (var journal = await FileBatchJournal.OpenAsync(path, clock, BatchFixtures.Ct))
        {
            Assert.Equal(10, journal.PreviousCount);
            Assert.True(journal.TryGetPrevious("x", out var earlier));
            Assert.Equal(new JournalRecord(JournalState.Done, "sell", "u-4") { LineNumber = 10 }, earlier);
            Assert.True(journal.TryGetPrevious("o-2", out var other));
            Assert.Equal(new JournalRecord(JournalState.Done, "sell", "o-2") { LineNumber = 5 }, other);

            await journal.RecordFinalAsync("x", "sell", "u-5", JournalState.Failed, null, "first", BatchFixtures.Ct);
            await journal.RecordFinalAsync("x", "sell", "u-6", JournalState.Failed, null, "second", BatchFixtures.Ct);
            Assert.True(journal.TryGetPrevious("x", out var now));
            Assert.Equal(new JournalRecord(JournalState.Failed, "sell", "u-6") { Error = "second", LineNumber = 12, RecordedThisRun = true }, now);
        }

        Delete(path);
    }

    [Theory]
    [InlineData(4095)] // the line and its line feed fill the first 4096-byte read exactly
    [InlineData(4096)] // the line feed falls just past the first read
    [InlineData(10_000)]
    [InlineData(65_536)] // the longest line accepted
    public async Task A_final_line_of_any_accepted_length_is_read_back_whole(int length)
    {
        string line = LineOfLength("long", length, out string error);
        string path = Write($"len{length}.jsonl", Sealed("short", "done", ",\"uuid\":\"u-s\"") + line + Sealed("after", "done", ",\"uuid\":\"u-a\""));
        await using (var journal = await FileBatchJournal.OpenAsync(path, cancellationToken: BatchFixtures.Ct))
        {
            Assert.True(journal.TryGetPrevious("long", out var record));
            Assert.Equal(new JournalRecord(JournalState.Failed, "sell", "u-l") { Error = error, LineNumber = 2 }, record);
            Assert.True(journal.TryGetPrevious("after", out var after));
            Assert.Equal(new JournalRecord(JournalState.Done, "sell", "u-a") { LineNumber = 3 }, after);
        }

        Delete(path);
    }

    /// <summary>A sealed failed line of exactly <paramref name="length"/> bytes before its line feed.</summary>
    private static string LineOfLength(string id, int length, out string error)
    {
        int bare = JournalText.Seal(Body(id, "failed", ",\"uuid\":\"u-l\",\"error\":\"\"")).Length - 1;
        error = new string('e', length - bare);
        string line = JournalText.Seal(Body(id, "failed", $",\"uuid\":\"u-l\",\"error\":\"{error}\""));
        Assert.Equal(length + 1, line.Length);
        return line;
    }

    [Fact]
    public async Task A_final_line_changed_behind_the_open_journal_is_reported_as_such()
    {
        string first = Sealed("c-1", "done", ",\"uuid\":\"u-1\"");
        string second = Sealed("c-2", "done", ",\"uuid\":\"u-2\"");
        string path = Write("changed.jsonl", first + second);
        string full = Path.GetFullPath(path);
        // a journal that shares its file, so that the test can damage it while it is open
        var options = new FileBatchJournalOptions { OpenFile = p => new FileStream(p, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.Asynchronous) };
        await using (var journal = await FileBatchJournal.OpenAsync(path, options, BatchFixtures.Ct))
        {
            await using (var other = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                other.Position = 0;
                other.Write("\n"u8); // the first line now reads as an empty line
                other.SetLength(first.Length + 10); // the second line now has no end
            }

            var empty = Assert.Throws<JournalCorruptException>(() => journal.TryGetPrevious("c-1", out _));
            Assert.Equal((full, 1L, 0L, "empty line (changed while the journal was open)"), (empty.Path, empty.LineNumber, empty.ByteOffset, empty.Problem));
            var cut = Assert.Throws<JournalCorruptException>(() => journal.TryGetPrevious("c-2", out _));
            Assert.Equal((full, 2L, (long)first.Length, "the line has no end (changed while the journal was open)"), (cut.Path, cut.LineNumber, cut.ByteOffset, cut.Problem));
        }

        Delete(path);
    }
}
