using System.Text.Json;
using AtolOnline.Validation;
using AtolOnline.Json;

namespace AtolOnline.Internal;

/// <summary>
/// Helpers the generated readers call. Each reads the value under the reader, reports a problem to the context
/// (which throws or collects) and returns whether a value was read. A wrong-typed value is skipped whole.
/// </summary>
internal static class JsonRead
{
    public static T Root<T>(ref Utf8JsonReader reader, ValidationContext? issues)
        where T : class, IAtolJsonModel<T>
    {
        var context = issues ?? ValidationContext.Rent();
        if (issues is null)
        {
            context.ThrowOnReadIssue = true;
        }

        try
        {
            if (reader.TokenType == JsonTokenType.None && !reader.Read())
            {
                throw new AtolJsonException("Пустой JSON (байт 0)", "", "Syntax", 0);
            }

            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new AtolJsonException(
                    $"$: ожидается объект JSON (байт {reader.TokenStartIndex})", "", ValidationCodes.Type, reader.TokenStartIndex);
            }

            return T.ReadObject(ref reader, context);
        }
        catch (JsonException ex)
        {
            long position = reader.BytesConsumed;
            throw new AtolJsonException(
                $"{Path(context)}: некорректный JSON в строке {ex.LineNumber + 1}, байт {ex.BytePositionInLine} ({ex.Message})",
                context.PathTo(null), "Syntax", position, ex);
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader's getters throw this for invalid UTF-8 or numbers out of range.
            throw new AtolJsonException(
                $"{Path(context)}: некорректное значение (байт {reader.TokenStartIndex}): {ex.Message}", context.PathTo(null), "Syntax", reader.TokenStartIndex, ex);
        }
        catch (ArgumentException ex)
        {
            throw new AtolJsonException(
                $"{Path(context)}: некорректное значение (байт {reader.TokenStartIndex}): {ex.Message}", context.PathTo(null), "Syntax", reader.TokenStartIndex, ex);
        }
        finally
        {
            if (issues is null)
            {
                ValidationContext.Return(context);
            }
        }
    }

    private static string Path(ValidationContext context)
    {
        string path = context.PathTo(null);
        return path.Length == 0 ? "$" : path;
    }

    public static bool String(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, out string? value)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            value = reader.GetString();
            return true;
        }

        value = null;
        return WrongType(ref reader, ctx, prop, tag, nullable, "string");
    }

    public static bool Decimal(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, out decimal value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetDecimal(out value))
            {
                return true;
            }

            ctx.ReadIssue(prop, ValidationCodes.Maximum, tag, "Число вне диапазона decimal", reader.TokenStartIndex);
            return false;
        }

        value = 0;
        return WrongType(ref reader, ctx, prop, tag, nullable, "number");
    }

    public static bool Int32(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, out int value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt32(out value))
            {
                return true;
            }

            ctx.ReadIssue(prop, ValidationCodes.Type, tag, "Ожидается целое число в диапазоне Int32", reader.TokenStartIndex);
            return false;
        }

        value = 0;
        return WrongType(ref reader, ctx, prop, tag, nullable, "integer");
    }

    public static bool Int64(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, out long value)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out value))
            {
                return true;
            }

            ctx.ReadIssue(prop, ValidationCodes.Type, tag, "Ожидается целое число в диапазоне Int64", reader.TokenStartIndex);
            return false;
        }

        value = 0;
        return WrongType(ref reader, ctx, prop, tag, nullable, "integer");
    }

    public static bool Boolean(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, out bool value)
    {
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            value = reader.TokenType == JsonTokenType.True;
            return true;
        }

        value = false;
        return WrongType(ref reader, ctx, prop, tag, nullable, "boolean");
    }

    /// <summary>
    /// Reads <c>dd.MM.yyyy HH:mm:ss</c> (any one whitespace character between date and time, as ATOL's service admits).
    /// While validating, the text is also judged against <paramref name="pattern"/> and the lengths of the profile, so a
    /// shape ATOL's service accepts but our safe profile refuses is still reported at its path (the typed value cannot
    /// carry the original spacing). <paramref name="anyText"/>: the profile admits any string here (ATOL's v4 schema has
    /// no pattern); a text that is no date then reads as the default value without a report.
    /// </summary>
    public static bool DateTime(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, SchemaPattern? pattern,
        int? minLength, int? maxLength, bool anyText, ValidationSeverity severity, out DateTime value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, ctx, prop, tag, nullable, "string");
        }

        Span<char> buffer = stackalloc char[DateWire.MaxText];
        bool copied = DateWire.TryCopy(ref reader, buffer, out int length);
        var outcome = copied ? DateWire.ParseDateTime(buffer[..length], out value) : DateWire.Outcome.NotADate;
        return JudgeDate(ref reader, ctx, prop, tag, buffer[..length], copied, outcome, pattern, minLength, maxLength, anyText, severity, "dd.MM.yyyy HH:mm:ss");
    }

    /// <summary>
    /// Reads <c>dd.MM.yyyy</c> as <c>DateTime</c> does. Where the profile admits any string, a date
    /// followed by whitespace and a time of day (ATOL's v4 example of base_date) reads as that date.
    /// </summary>
    public static bool Date(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, SchemaPattern? pattern,
        int? minLength, int? maxLength, bool anyText, ValidationSeverity severity, out DateOnly value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, ctx, prop, tag, nullable, "string");
        }

        Span<char> buffer = stackalloc char[DateWire.MaxText];
        bool copied = DateWire.TryCopy(ref reader, buffer, out int length);
        var outcome = copied ? DateWire.ParseDate(buffer[..length], anyText, out value) : DateWire.Outcome.NotADate;
        return JudgeDate(ref reader, ctx, prop, tag, buffer[..length], copied, outcome, pattern, minLength, maxLength, anyText, severity, "dd.MM.yyyy");
    }

    /// <summary>
    /// Reads a <see cref="DateTimeOffset"/>: ISO 8601 when <paramref name="iso"/>, otherwise ATOL's
    /// <c>dd.MM.yyyy HH:mm:ss</c> taken as wall-clock time in <see cref="AtolTime.Offset"/>.
    /// </summary>
    public static bool DateTimeOffset(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, bool iso, SchemaPattern? pattern,
        int? minLength, int? maxLength, bool anyText, ValidationSeverity severity, out DateTimeOffset value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.String)
        {
            return WrongType(ref reader, ctx, prop, tag, nullable, "string");
        }

        Span<char> buffer = stackalloc char[DateWire.MaxText];
        bool copied = DateWire.TryCopy(ref reader, buffer, out int length);
        DateWire.Outcome outcome;
        if (!copied)
        {
            outcome = DateWire.Outcome.NotADate;
        }
        else if (iso)
        {
            outcome = DateWire.ParseIso(buffer[..length], out value);
        }
        else
        {
            outcome = DateWire.ParseDateTime(buffer[..length], out var wall);
            if (outcome == DateWire.Outcome.Parsed)
            {
                value = new DateTimeOffset(wall, AtolTime.Offset);
            }
        }

        return JudgeDate(ref reader, ctx, prop, tag, buffer[..length], copied, outcome, pattern, minLength, maxLength, anyText, severity,
            iso ? "ISO 8601 (yyyy-MM-ddTHH:mm:ss+03:00)" : "dd.MM.yyyy HH:mm:ss");
    }

    /// <summary>Reports what is wrong with a date's text; returns whether a value was read.</summary>
    private static bool JudgeDate(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, scoped ReadOnlySpan<char> text, bool copied,
        DateWire.Outcome outcome, SchemaPattern? pattern, int? minLength, int? maxLength, bool anyText, ValidationSeverity severity, string format)
    {
        long position = reader.TokenStartIndex;
        bool reported = false;
        if (!ctx.ThrowOnReadIssue && copied)
        {
            // Validating: the text as sent, judged by the profile's own keywords (the typed value is always canonical).
            reported = Checks.DateText(ctx, prop, tag, severity, text, minLength, maxLength, pattern, position);
        }

        switch (outcome)
        {
            case DateWire.Outcome.Parsed:
                return true;
            case DateWire.Outcome.NotInCalendar:
                if (!reported)
                {
                    DateIssue(ctx, prop, CrossFieldRuleCodes.CalendarDateValid, tag, severity, $"Дата «{text[..DateWire.DateLength]}» не существует в календаре", position);
                }

                return false;
            default:
                if (anyText)
                {
                    return true; // ATOL's service admits any string here; the member keeps its default value
                }

                if (!reported)
                {
                    string shown = copied ? new string(text.Length > 64 ? text[..64] : text) : "…";
                    DateIssue(ctx, prop, pattern is null ? ValidationCodes.Format : ValidationCodes.Pattern, tag, severity,
                        $"Значение «{shown}» не является датой в формате {format}", position);
                }

                return false;
        }
    }

    /// <summary>Reports a date problem met while reading: an error (thrown when reading without validating) or a warning.</summary>
    internal static void DateIssue(ValidationContext ctx, string? prop, string code, int? tag, ValidationSeverity severity, string message, long position, bool alongside = false)
    {
        if (severity == ValidationSeverity.Error)
        {
            ctx.ReadIssue(prop, code, tag, message, position, alongside);
        }
        else
        {
            ctx.ReadWarning(prop, code, tag, message);
        }
    }

    /// <summary>Reports an unknown enum value; returns false (no value read).</summary>
    public static bool BadEnum<T>(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, out T value)
        where T : struct, Enum
    {
        value = default;
        ctx.ReadIssue(prop, ValidationCodes.Enum, tag, "Недопустимое значение " + Shown(ref reader), reader.TokenStartIndex);
        return false;
    }

    /// <summary>
    /// The value under the reader is not of the expected type. JSON null is accepted as "absent" when
    /// <paramref name="nullable"/>; anything else is reported and skipped. Returns false (no value read).
    /// </summary>
    public static bool WrongType(ref Utf8JsonReader reader, ValidationContext ctx, string? prop, int? tag, bool nullable, string expected)
    {
        if (reader.TokenType == JsonTokenType.Null && nullable)
        {
            return false;
        }

        long position = reader.TokenStartIndex;
        reader.Skip();
        ctx.ReadIssue(prop, ValidationCodes.Type, tag, "Ожидается " + Russian(expected), position);
        return false;
    }

    /// <summary>
    /// The reader is on a member name the type does not declare. <paramref name="strict"/>: our schema closes the
    /// object (<c>additionalProperties: false</c>); <paramref name="serviceStrict"/>: ATOL's service closes it too (v5).
    /// Closed in both: an error. Closed only in ours (v4, whose service ignores unknown members): a warning in the safe
    /// profile, nothing in the service profile. Open: skipped.
    /// </summary>
    public static void Unknown(ref Utf8JsonReader reader, ValidationContext ctx, bool strict, bool serviceStrict)
    {
        if (strict && (serviceStrict || !ctx.IsService))
        {
            string name = reader.GetString() ?? "";
            if (serviceStrict)
            {
                ctx.ReadIssue(name, ValidationCodes.UnknownProperty, null, $"Неизвестное поле «{name}»", reader.TokenStartIndex);
            }
            else
            {
                ctx.ReadWarning(name, ValidationCodes.UnknownProperty, null,
                    $"Неизвестное поле «{name}»: сервис АТОЛ v4 его пропустит. Опечатка или поле протокола v5?");
            }
        }

        reader.Read();
        reader.Skip();
    }

    /// <summary>
    /// The reader is on a member name met before in the same object. The safe profile reports it (the document is
    /// ambiguous: JSON libraries differ in which value they keep). The service profile keeps the last value, as a
    /// typical .NET service does; what ATOL's service does is UNCERTAIN (schemas/README.md).
    /// </summary>
    public static void Duplicate(ref Utf8JsonReader reader, ValidationContext ctx, string prop, int? tag)
    {
        if (!ctx.IsService)
        {
            ctx.ReadIssue(prop, ValidationCodes.DuplicateProperty, tag, $"Поле «{prop}» передано дважды", reader.TokenStartIndex);
        }
    }

    /// <summary>Whether the value under the reader is JSON null (a value the service's schema admits where it says null).</summary>
    public static bool IsNull(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Null;

    public static void Missing(ValidationContext ctx, string prop, int? tag) =>
        ctx.ReadIssue(prop, ValidationCodes.Required, tag, ValidationMessages.Required, -1);

    private static string Shown(ref Utf8JsonReader reader)
    {
        string text = reader.TokenType == JsonTokenType.String ? "«" + reader.GetString() + "»" : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        return text.Length > 64 ? text[..64] + "…" : text;
    }

    private static string Russian(string expected) => expected switch
    {
        "string" => "строка",
        "number" => "число",
        "integer" => "целое число",
        "boolean" => "логическое значение (true/false)",
        "object" => "объект",
        "array" => "массив",
        _ => expected,
    };
}
