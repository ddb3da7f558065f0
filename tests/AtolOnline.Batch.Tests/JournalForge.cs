using System.Text;

namespace AtolOnline.Batch.Tests;

/// <summary>Hand-written journal lines for tests that need exact control over every byte (no emulator run).</summary>
internal static class JournalForge
{
    public const string Time = "2026-11-28T12:00:00Z";

    /// <summary>A JSON object (no checksum, no line feed) with the required members and <paramref name="extra"/> appended.</summary>
    public static string Body(string id, string state, string extra = "") =>
        $"{{\"time\":\"{Time}\",\"external_id\":\"{id}\",\"operation\":\"sell\",\"state\":\"{state}\"{extra}}}";

    /// <summary>A sealed line with its line feed.</summary>
    public static string Sealed(string id, string state, string extra = "") => JournalText.Seal(Body(id, state, extra));

    /// <summary>An older version's line: no checksum, with its line feed.</summary>
    public static string Legacy(string id, string state, string extra = "") => Body(id, state, extra) + "\n";

    public static string Write(string name, string text)
    {
        string path = BatchFixtures.TempFile(name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Deletes the journal and anything written next to it (backups, pid file).</summary>
    public static void Delete(string path)
    {
        string full = Path.GetFullPath(path);
        foreach (string file in Directory.GetFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full) + "*"))
        {
            File.Delete(file);
        }
    }

    public static string[] Siblings(string path)
    {
        string full = Path.GetFullPath(path);
        return [.. Directory.GetFiles(Path.GetDirectoryName(full)!, Path.GetFileName(full) + ".*").Where(f => f.StartsWith(full + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }
}
