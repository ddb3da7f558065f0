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
