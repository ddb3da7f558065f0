using System.Text;

namespace AtolOnline.Batch.Internal;

/// <summary>Checks lines in file order: each parses, and only lines before the first checksummed one may lack a checksum.</summary>
internal sealed class JournalLineChecker
{
    private bool _sealedSeen;

    public long Unsealed { get; private set; }

    public JournalProblem? Check(long number, long offset, ReadOnlySpan<byte> line, bool tooLong, out JournalEntry? entry, bool allowUnsealedAnywhere = false)
    {
        entry = null;
        if (tooLong)
        {
            return new JournalProblem(number, offset, $"longer than {JournalFormat.MaxLineBytes / 1024} KiB", "");
        }

        string? problem = JournalFormat.Parse(line, out entry);
        if (problem is null)
        {
            if (JournalFormat.HasChecksum(line))
            {
                _sealedSeen = true;
            }
            else if (_sealedSeen && !allowUnsealedAnywhere)
            {
                problem = "no checksum after lines with checksums (only an older version's lines, before the first checksummed line, may lack one)";
            }
            else
            {
                Unsealed++;
            }
        }

        return problem is null ? null : new JournalProblem(number, offset, problem, Excerpt(line));
    }

    private static string Excerpt(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 120)]);
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(char.IsControl(c) || c == '\uFFFD' ? '?' : c);
        }

        return builder.ToString();
    }
}
