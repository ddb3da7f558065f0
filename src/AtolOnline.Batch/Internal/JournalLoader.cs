using System.Runtime.InteropServices;

namespace AtolOnline.Batch.Internal;

/// <summary>Builds the in-memory state while the journal is read: not-final records whole, final ones as index entries.</summary>
internal sealed class JournalLoader(string path)
{
    private readonly JournalLineChecker _checker = new();

    public Dictionary<string, JournalRecord> Open { get; } = new(StringComparer.Ordinal);

    public List<ulong> FinalKeys { get; } = [];

    public List<LinePosition> FinalLines { get; } = [];

    public long Lines { get; private set; }

    public JournalCorruptException? Problem { get; private set; }

    public bool Add(long number, long offset, ReadOnlySpan<byte> line, bool tooLong)
    {
        if (_checker.Check(number, offset, line, tooLong, out var entry) is { } bad)
        {
            Problem = new JournalCorruptException(path, bad.LineNumber, bad.ByteOffset, bad.Problem);
            return false;
        }

        Lines = number;
        Open.TryGetValue(entry!.ExternalId, out var earlier);
        if (entry.State is JournalState.Pending or JournalState.Sent)
        {
            Open[entry.ExternalId] = entry.ToRecord(number, earlier.Uuid, earlier.ContentHash);
        }
        else
        {
            Open.Remove(entry.ExternalId);
            FinalKeys.Add(JournalFormat.IdHash(entry.ExternalId));
            FinalLines.Add(new LinePosition(offset, number));
        }

        return true;
    }

    /// <summary>Sorts the final index for binary search.</summary>
    public void Seal()
    {
        CollectionsMarshal.AsSpan(FinalKeys).Sort(CollectionsMarshal.AsSpan(FinalLines));
        FinalKeys.TrimExcess();
        FinalLines.TrimExcess();
    }
}
