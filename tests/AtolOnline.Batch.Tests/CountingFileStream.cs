namespace AtolOnline.Batch.Tests;

/// <summary>
/// The journal file as <see cref="FileBatchJournalOptions.OpenFile"/> opens it, observed: bytes written, bytes made
/// durable by <c>Flush(flushToDisk: true)</c>, and writes that fail on demand (a full disk).
/// </summary>
internal sealed class CountingFileStream(string path) : FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.Asynchronous)
{
    private long _written;
    private long _durable;
    private int _flushesToDisk;

    /// <summary>After this many more successful writes, every write fails (null: never).</summary>
    public int? FailAfterWrites { get; set; }

    /// <summary>Called when the first write fails (before it throws).</summary>
    public Action? OnFirstFailure { get; set; }

    public long Written => Interlocked.Read(ref _written);

    public long Durable => Interlocked.Read(ref _durable);

    public int FlushesToDisk => Volatile.Read(ref _flushesToDisk);

    public int FailedWrites { get; private set; }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Fail();
        await base.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref _written, buffer.Length);
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Fail();
        base.Write(buffer);
        Interlocked.Add(ref _written, buffer.Length);
    }

    public override void Flush(bool flushToDisk)
    {
        base.Flush(flushToDisk);
        if (flushToDisk)
        {
            Interlocked.Increment(ref _flushesToDisk);
            Interlocked.Exchange(ref _durable, Interlocked.Read(ref _written));
        }
    }

    private void Fail()
    {
        if (FailAfterWrites is { } left)
        {
            if (left > 0)
            {
                FailAfterWrites = left - 1;
                return;
            }

            if (FailedWrites++ == 0)
            {
                OnFirstFailure?.Invoke();
            }

            throw new IOException("No space left on device (simulated)");
        }
    }
}
