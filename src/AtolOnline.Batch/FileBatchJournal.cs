using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using AtolOnline.Batch.Internal;
using Microsoft.Win32.SafeHandles;

namespace AtolOnline.Batch;

/// <summary>
/// An append-only JSON Lines journal, one writer at a time. Every state change is one line carrying a CRC-32; a change
/// is acknowledged only after its line is written and flushed to the storage device (fsync): concurrent changes are
/// committed together, so durability costs one flush per group, not per document. Opening verifies every line: a
/// damaged line is a <see cref="JournalCorruptException"/> (nothing is changed); only a torn, newline-less last line
/// (a crash mid-write) is cut. A failed write fails every waiting change and every later one
/// (<see cref="JournalWriteException"/>). The format is described in the README ("The journal").
/// </summary>
/// <remarks>
/// Memory: documents not yet final are kept whole; a final one is kept as a 24-byte index entry (a 64-bit hash of its
/// external_id, the offset and the number of its line) and read back from the file when its external_id comes again.
/// </remarks>
public sealed class FileBatchJournal : IBatchJournal
{
    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;
    private readonly string _pidFile;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JournalRecord> _open;
    private readonly List<ulong> _finalKeys;
    private readonly List<LinePosition> _finalLines;
    private readonly Dictionary<ulong, LinePosition> _runFinals = [];
    private readonly Dictionary<string, LinePosition> _runFinalCollisions = new(StringComparer.Ordinal);
    private readonly Channel<JournalAppend> _queue = Channel.CreateUnbounded<JournalAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private long _length;
    private long _lines;
    private volatile JournalWriteException? _failure;

    private FileBatchJournal(FileStream file, string pidFile, JournalLoader loaded, TimeProvider time)
    {
        _file = file;
        _handle = file.SafeFileHandle;
        _pidFile = pidFile;
        _open = loaded.Open;
        _finalKeys = loaded.FinalKeys;
        _finalLines = loaded.FinalLines;
        _length = file.Length;
        _lines = loaded.Lines;
        _time = time;
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Path of the journal file.</summary>
    public string Path => _file.Name;

    /// <summary>Number of external_id records earlier runs left (documents not yet final plus final ones).</summary>
    public int PreviousCount { get; private init; }

    /// <summary>Opens (or creates) the journal at <paramref name="path"/>, reading what earlier runs recorded.</summary>
    /// <exception cref="JournalCorruptException">A line other than a torn last one is damaged; the file is left unchanged.</exception>
    /// <exception cref="JournalLockedException">Another run (in this or another process) holds the journal.</exception>
    public static Task<FileBatchJournal> OpenAsync(string path, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        OpenAsync(path, new FileBatchJournalOptions { TimeProvider = timeProvider ?? TimeProvider.System }, cancellationToken);

    /// <summary>Opens (or creates) the journal at <paramref name="path"/> with <paramref name="options"/>.</summary>
    /// <exception cref="JournalCorruptException">A line other than a torn last one is damaged; the file is left unchanged.</exception>
    /// <exception cref="JournalLockedException">Another run (in this or another process) holds the journal.</exception>
    public static async Task<FileBatchJournal> OpenAsync(string path, FileBatchJournalOptions? options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        options ??= new FileBatchJournalOptions();
        string full = System.IO.Path.GetFullPath(path);
        var file = OpenExclusive(full, options);
        try
        {
            var loader = new JournalLoader(full);
            file.Position = 0;
            var end = await JournalFormat.ScanAsync(file, loader.Add, cancellationToken).ConfigureAwait(false);
            if (loader.Problem is { } problem)
            {
                throw problem;
            }

            loader.Seal();
            if (end.ValidLength != end.Length)
            {
                file.SetLength(end.ValidLength); // cut the torn last line so that the next line starts clean
                file.Flush(flushToDisk: true);
            }

            file.Position = end.ValidLength;
            string pidFile = full + ".pid";
            WritePid(pidFile);
            return new FileBatchJournal(file, pidFile, loader, options.TimeProvider) { PreviousCount = loader.Open.Count + loader.FinalKeys.Count };
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Reads a journal file without opening it for writing (for audits and tests): every external_id's last record,
    /// held in memory. Fails with <see cref="JournalLockedException"/> while a run holds the journal.
    /// </summary>
    /// <exception cref="JournalCorruptException">A line other than a torn last one is damaged.</exception>
    public static async Task<IReadOnlyDictionary<string, JournalRecord>> ReadStatesAsync(string path, CancellationToken cancellationToken = default)
    {
        string full = System.IO.Path.GetFullPath(path);
        await using var file = OpenForReading(full);
        var states = new Dictionary<string, JournalRecord>(StringComparer.Ordinal);
        var checker = new JournalLineChecker();
        JournalCorruptException? problem = null;
        await JournalFormat.ScanAsync(file, (number, offset, line, tooLong) =>
        {
            if (checker.Check(number, offset, line, tooLong, out var entry) is { } bad)
            {
                problem = new JournalCorruptException(full, bad.LineNumber, bad.ByteOffset, bad.Problem);
                return false;
            }

            states.TryGetValue(entry!.ExternalId, out var earlier);
            states[entry.ExternalId] = entry.ToRecord(number, earlier.Uuid, earlier.ContentHash);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return problem is null ? states : throw problem;
    }

    /// <summary>
    /// Checks every line of a journal without changing it; each damaged line is passed to <paramref name="onProblem"/>.
    /// Fails with <see cref="JournalLockedException"/> while a run holds the journal.
    /// </summary>
    public static async Task<JournalVerification> VerifyAsync(string path, Action<JournalProblem>? onProblem = null, CancellationToken cancellationToken = default)
    {
        string full = System.IO.Path.GetFullPath(path);
        await using var file = OpenForReading(full);
        var checker = new JournalLineChecker();
        long problems = 0;
        var end = await JournalFormat.ScanAsync(file, (number, offset, line, tooLong) =>
        {
            if (checker.Check(number, offset, line, tooLong, out _) is { } bad)
            {
                problems++;
                onProblem?.Invoke(bad);
            }

            return true;
        }, cancellationToken).ConfigureAwait(false);
        return new JournalVerification(end.Lines, problems, checker.Unsealed, end.Length - end.ValidLength);
    }

    /// <summary>
    /// Repairs a journal explicitly: copies it to <c>PATH.bak-yyyyMMddTHHmmssZ</c>, then rewrites it keeping every good
    /// line (good lines of an older version get a checksum), dropping each damaged line (passed to
    /// <paramref name="onDropped"/>) and a torn last line. Nothing changes when every line is good and checksummed.
    /// Holds the journal's lock throughout, so it fails with <see cref="JournalLockedException"/> while a run holds it.
    /// </summary>
    /// <remarks>
    /// A dropped line loses what it recorded: a dropped <c>done</c> line makes its document fall back to its earlier
    /// state (sent: polled again; pending: sent again, which ATOL answers as a duplicate only while it keeps the
    /// document). Check the listed lines against the backup before resuming.
    /// </remarks>
    public static async Task<JournalRepair> RepairAsync(string path, Action<JournalProblem>? onDropped = null, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"journal {full} does not exist", full);
        }

        await using var file = OpenExclusive(full, new FileBatchJournalOptions());
        var checker = new JournalLineChecker();
        long problems = 0;
        var end = await JournalFormat.ScanAsync(file, (number, offset, line, tooLong) =>
        {
            problems += checker.Check(number, offset, line, tooLong, out _) is null ? 0 : 1;
            return true;
        }, cancellationToken).ConfigureAwait(false);
        if (problems == 0 && checker.Unsealed == 0 && end.ValidLength == end.Length)
        {
            return new JournalRepair(null, end.Lines, 0, 0, 0);
        }

        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        string backup = $"{full}.bak-{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}";
        await using (var copy = new FileStream(backup, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous))
        {
            file.Position = 0;
            await file.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Flush(flushToDisk: true);

            // Rewritten in place from the backup, under the same lock and in the same file: no run can slip in between.
            copy.Position = 0;
            file.SetLength(0);
            file.Position = 0;
            long kept = 0, dropped = 0, sealedNow = 0;
            var rewrite = new JournalLineChecker();
            var pending = new ArrayBufferWriter<byte>(1 << 16);
            await JournalFormat.ScanAsync(copy, (number, offset, line, tooLong) =>
            {
                if (rewrite.Check(number, offset, line, tooLong, out _, allowUnsealedAnywhere: true) is { } bad)
                {
                    dropped++;
                    onDropped?.Invoke(bad);
                    return true;
                }

                kept++;
                if (JournalFormat.HasChecksum(line))
                {
                    pending.Write(line);
                    pending.Write("\n"u8);
                }
                else
                {
                    sealedNow++;
                    pending.Write(JournalFormat.Seal(line.TrimEnd(" \t\r"u8)));
                }

                if (pending.WrittenCount > 1 << 15)
                {
                    file.Write(pending.WrittenSpan);
                    pending.ResetWrittenCount();
                }

                return true;
            }, cancellationToken).ConfigureAwait(false);
            file.Write(pending.WrittenSpan);
            file.Flush(flushToDisk: true);
            return new JournalRepair(backup, kept, dropped, sealedNow, end.Length - end.ValidLength);
        }
    }

    /// <inheritdoc/>
    public bool TryGetPrevious(string externalId, out JournalRecord record)
    {
        ArgumentNullException.ThrowIfNull(externalId);
        var candidates = new List<(LinePosition Position, bool ThisRun)>(2);
        lock (_gate)
        {
            if (_open.TryGetValue(externalId, out record))
            {
                return true;
            }

            if (_runFinalCollisions.TryGetValue(externalId, out var collided))
            {
                candidates.Add((collided, true));
            }

            ulong key = JournalFormat.IdHash(externalId);
            if (_runFinals.TryGetValue(key, out var position))
            {
                candidates.Add((position, true));
            }

            var keys = CollectionsMarshal.AsSpan(_finalKeys);
            int at = keys.BinarySearch(key);
            if (at >= 0)
            {
                while (at > 0 && keys[at - 1] == key)
                {
                    at--;
                }

                for (; at < keys.Length && keys[at] == key; at++)
                {
                    candidates.Add((_finalLines[at], false));
                }
            }
        }

        // The latest line of this external_id wins; a candidate of another external_id (a hash collision) is skipped.
        foreach (var (position, thisRun) in candidates.OrderByDescending(c => c.Position.Offset))
        {
            var entry = ReadLineAt(position);
            if (entry.ExternalId == externalId)
            {
                record = entry.ToRecord(position.Line, null, null) with { RecordedThisRun = thisRun };
                return true;
            }
        }

        record = default;
        return false;
    }

    /// <inheritdoc/>
    public ValueTask RecordPendingAsync(string externalId, string operation, string contentHash, CancellationToken cancellationToken) =>
        AppendAsync(externalId, operation, JournalState.Pending, null, contentHash, null, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RecordSentAsync(string externalId, string operation, string uuid, CancellationToken cancellationToken) =>
        AppendAsync(externalId, operation, JournalState.Sent, uuid, null, null, null, cancellationToken);

    /// <inheritdoc/>
    public ValueTask RecordFinalAsync(string externalId, string operation, string? uuid, JournalState state, AtolReport? report, string? failure, CancellationToken cancellationToken)
    {
        if (state is not (JournalState.Done or JournalState.Failed))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "A final state is Done or Failed.");
        }

        return AppendAsync(externalId, operation, state, uuid, null, report, failure, cancellationToken);
    }

    /// <summary>Flushes what is queued, releases the journal and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        try
        {
            File.Delete(_pidFile); // before the lock is released, so that it never deletes a next holder's file
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // only a hint for a second run; the lock itself is the open file
        }

        await _file.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask AppendAsync(string externalId, string operation, JournalState state, string? uuid, string? contentHash, AtolReport? report, string? error, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(externalId);
        if (_failure is { } failure)
        {
            throw failure;
        }

        lock (_gate)
        {
            if (_open.TryGetValue(externalId, out var open))
            {
                contentHash ??= open.ContentHash;
                uuid ??= open.Uuid;
            }
        }

        byte[] line = JournalFormat.Format(_time.GetUtcNow(), externalId, operation, state, uuid, contentHash, report, error);
        var append = new JournalAppend(line, new JournalRecord(state, operation, uuid) { ContentHash = contentHash, RecordedThisRun = true }, externalId);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(append), this);

        // The write itself is not cancelled half-way: once queued, the line lands and is flushed (or the journal fails).
        await append.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var group = new List<JournalAppend>();
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (reader.TryRead(out var entry))
            {
                group.Add(entry);
            }

            if (_failure is { } failed)
            {
                group.ForEach(a => a.Done.TrySetException(failed));
                continue;
            }

            try
            {
                foreach (var append in group)
                {
                    append.Position = new LinePosition(_length, _lines + 1);
                    await _file.WriteAsync(append.Line).ConfigureAwait(false);
                    _length += append.Line.Length;
                    _lines++;
                }

                // Group commit: one flush to the device acknowledges every line written above.
                _file.Flush(flushToDisk: true);
            }
            catch (Exception ex)
            {
                // Nothing more is written: what follows a failed write could land after half a line. The file now ends
                // at most with a torn line, which the next open cuts.
                var failure = new JournalWriteException(_file.Name, ex);
                _failure = failure;
                group.ForEach(a => a.Done.TrySetException(failure));
                continue;
            }

            lock (_gate)
            {
                foreach (var append in group)
                {
                    Index(append);
                }
            }

            group.ForEach(a => a.Done.TrySetResult());
        }
    }

    private void Index(JournalAppend append)
    {
        var record = append.Record with { LineNumber = append.Position.Line };
        if (record.State is JournalState.Pending or JournalState.Sent)
        {
            _open[append.ExternalId] = record;
            return;
        }

        _open.Remove(append.ExternalId);
        ulong key = JournalFormat.IdHash(append.ExternalId);
        if (_runFinals.TryGetValue(key, out var existing) && ReadLineAt(existing).ExternalId != append.ExternalId)
        {
            _runFinalCollisions[append.ExternalId] = append.Position;
        }
        else
        {
            _runFinals[key] = append.Position;
        }
    }

    private JournalEntry ReadLineAt(LinePosition position)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(JournalFormat.MaxLineBytes + 1);
        try
        {
            int read = RandomAccess.Read(_handle, buffer.AsSpan(0, 4096), position.Offset);
            int newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline < 0 && read == 4096)
            {
                read = RandomAccess.Read(_handle, buffer.AsSpan(0, JournalFormat.MaxLineBytes + 1), position.Offset);
                newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            }

            JournalEntry? entry = null;
            string? problem = newline < 0 ? "the line has no end" : JournalFormat.Parse(buffer.AsSpan(0, newline), out entry);
            return problem is null ? entry! : throw new JournalCorruptException(_file.Name, position.Line, position.Offset, problem + " (changed while the journal was open)");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileStream OpenExclusive(string path, FileBatchJournalOptions options)
    {
        try
        {
            return options.OpenFile?.Invoke(path)
                ?? new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous);
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            throw new JournalLockedException(path, ReadPid(path + ".pid"), ex);
        }
    }

    private static FileStream OpenForReading(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (IOException ex) when (IsSharingViolation(ex))
        {
            throw new JournalLockedException(path, ReadPid(path + ".pid"), ex);
        }
    }

    /// <summary>A lock held elsewhere: Windows' sharing violation, or EWOULDBLOCK of the advisory lock .NET takes on Unix.</summary>
    private static bool IsSharingViolation(IOException ex) =>
        ex.GetType() == typeof(IOException) && (ex.HResult & 0xFFFF) is 32 or 33 or 11 or 35;

    private static void WritePid(string pidFile)
    {
        try
        {
            File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // only a hint that names the holder to a second run
        }
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            var text = File.ReadAllText(pidFile, Encoding.ASCII);
            return int.TryParse(text.AsSpan().Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
