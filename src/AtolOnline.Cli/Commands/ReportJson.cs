using System.Text.Json;
using AtolOnline.Json;

namespace AtolOnline.Cli.Commands;

/// <summary>The JSON form of <c>atol report --format json</c>: ATOL's report body as the library reads it, plus <c>qr</c>.</summary>
internal static class ReportJson
{
    public static void Write(Stream output, AtolReport report, string? qr)
    {
        byte[] body = report.V5 is { } v5 ? AtolJson.ToUtf8Bytes(v5) : AtolJson.ToUtf8Bytes(report.V4!);
        using var document = JsonDocument.Parse(body);
        using (var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = AtolJson.WriterOptions.Encoder, Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var member in document.RootElement.EnumerateObject())
            {
                member.WriteTo(writer);
            }

            // null when the document is not done or the operation was not given: never a guessed kind of receipt.
            writer.WriteString("qr", qr);
            writer.WriteEndObject();
        }

        output.Write("\n"u8);
        output.Flush();
    }
}
