using System.Text.Json;

namespace AtolOnline.Client.Tests;

/// <summary>Reads members of a document's request JSON as sent (shared with the batch tests).</summary>
internal static class DocumentJson
{
    /// <summary>The document's <c>service.callback_url</c>, or null when it carries none.</summary>
    public static string? CallbackUrlOf(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("service", out var service) && service.ValueKind == JsonValueKind.Object
            && service.TryGetProperty("callback_url", out var url) && url.ValueKind == JsonValueKind.String
            ? url.GetString()
            : null;
    }
}
