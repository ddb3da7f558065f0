using System.Globalization;
using System.Text.Json;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>
/// Compares a callback body with the report fetched for its uuid, member by member. ATOL POSTs the report packet itself
/// to callback_url, so every member that describes the document must be equal; a member present on one side only is a
/// difference too (a forged callback must not pass by leaving a field out). Both sides are compared as the generated
/// writers serialize them, so every member the report schemas define is compared without being listed here again.
/// </summary>
internal static class CallbackComparison
{
    /// <summary>
    /// The JSON paths of the members that differ. Not compared: <c>timestamp</c> (its meaning is unstated in ATOL's documents,
    /// see schemas/v5/report-response.schema.json) and <c>error.error_id</c> (ATOL's id of one error instance; whether a repeated
    /// report request answers the same id is undocumented). Neither is fiscal data, and a mismatch there would flag genuine
    /// callbacks. Numbers are compared by value (100.5 equals 100.50).
    /// </summary>
    public static List<string> Differences(AtolReport claimed, AtolReport confirmed)
    {
        var differences = new List<string>();
        byte[]? claimedJson = Serialize(claimed), confirmedJson = Serialize(confirmed);
        if (claimedJson is null || confirmedJson is null || (claimed.V5 is null) != (confirmed.V5 is null))
        {
            differences.Add("$");
            return differences;
        }

        using var claimedDocument = JsonDocument.Parse(claimedJson);
        using var confirmedDocument = JsonDocument.Parse(confirmedJson);
        Compare(claimedDocument.RootElement, confirmedDocument.RootElement, "", differences);
        return differences;
    }

    private static byte[]? Serialize(AtolReport report) =>
        report.V5 is { } v5 ? AtolJson.ToUtf8Bytes(v5) : report.V4 is { } v4 ? AtolJson.ToUtf8Bytes(v4) : null;

    private static bool Ignored(string path) => path is "timestamp" or "error.error_id";

    private static void Compare(JsonElement claimed, JsonElement confirmed, string path, List<string> differences)
    {
        if (Ignored(path))
        {
            return;
        }

        if (claimed.ValueKind != confirmed.ValueKind)
        {
            differences.Add(path);
            return;
        }

        switch (claimed.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in claimed.EnumerateObject())
                {
                    string child = path.Length == 0 ? member.Name : path + "." + member.Name;
                    if (confirmed.TryGetProperty(member.Name, out var other))
                    {
                        Compare(member.Value, other, child, differences);
                    }
                    else if (!Ignored(child))
                    {
                        differences.Add(child);
                    }
                }

                foreach (var member in confirmed.EnumerateObject())
                {
                    string child = path.Length == 0 ? member.Name : path + "." + member.Name;
                    if (!claimed.TryGetProperty(member.Name, out _) && !Ignored(child))
                    {
                        differences.Add(child);
                    }
                }

                break;
            case JsonValueKind.Array:
                if (claimed.GetArrayLength() != confirmed.GetArrayLength())
                {
                    differences.Add(path);
                    break;
                }

                for (int i = 0; i < claimed.GetArrayLength(); i++)
                {
                    Compare(claimed[i], confirmed[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", differences);
                }

                break;
            case JsonValueKind.Number:
                bool same = claimed.TryGetDecimal(out decimal a) && confirmed.TryGetDecimal(out decimal b)
                    ? a == b
                    : claimed.GetRawText() == confirmed.GetRawText();
                if (!same)
                {
                    differences.Add(path);
                }

                break;
            case JsonValueKind.String:
                if (!claimed.ValueEquals(confirmed.GetString()))
                {
                    differences.Add(path);
                }

                break;
            default:
                break; // true, false, null: equal kinds are equal values
        }
    }
}
