using System.Text.Json;

namespace AtolOnline.Internal;

/// <summary>Writers of typed dates in ATOL's formats; the text is formatted on the stack.</summary>
internal static class JsonWrite
{
    /// <summary><c>dd.MM.yyyy HH:mm:ss</c> in ATOL's clock (UTC and local times converted, see <see cref="AtolTime"/>).</summary>
    public static void DateTime(Utf8JsonWriter writer, JsonEncodedText name, DateTime value)
    {
        Span<char> text = stackalloc char[DateWire.DateTimeLength];
        DateWire.FormatDateTime(AtolTime.ToAtolClock(value), text);
        writer.WriteString(name, text);
    }

    /// <summary><c>dd.MM.yyyy</c>.</summary>
    public static void Date(Utf8JsonWriter writer, JsonEncodedText name, DateOnly value)
    {
        Span<char> text = stackalloc char[DateWire.DateLength];
        DateWire.FormatDate(value, text);
        writer.WriteString(name, text);
    }

    /// <summary>ISO 8601 when <paramref name="iso"/>; otherwise <c>dd.MM.yyyy HH:mm:ss</c> converted to <see cref="AtolTime.Offset"/>.</summary>
    public static void DateTimeOffset(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value, bool iso)
    {
        if (iso)
        {
            writer.WriteString(name, value);
            return;
        }

        Span<char> text = stackalloc char[DateWire.DateTimeLength];
        DateWire.FormatDateTime(value.ToOffset(AtolTime.Offset).DateTime, text);
        writer.WriteString(name, text);
    }
}
