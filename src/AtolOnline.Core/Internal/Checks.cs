using System.Buffers.Text;
using System.Globalization;
using System.Text.RegularExpressions;
using AtolOnline.Validation;

namespace AtolOnline.Internal;

/// <summary>Checks the generated validators call. Each allocates only when it reports a violation.</summary>
internal static class Checks
{
    /// <summary>
    /// Patterns follow ECMA-262 as JSON Schema says (\d and \w are ASCII). A timeout bounds any pathological input.
    /// </summary>
    public static SchemaPattern CreatePattern(string pattern) => new(pattern);

    /// <summary>
    /// In .NET, <c>$</c> also matches before a final line feed; in ECMA-262 (JSON Schema) it matches only at the end.
    /// Rewrites each unescaped <c>$</c> outside a character class to <c>(?!\n)$</c>, so "1234567890\n" is no INN.
    /// </summary>
    internal static string StrictEndAnchors(string pattern)
    {
        var sb = new System.Text.StringBuilder(pattern.Length + 8);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                sb.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == '$')
            {
                sb.Append("(?!\\n)");
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    public static void Required(ValidationContext ctx, string prop, int? tag) =>
        ctx.Add(prop, ValidationCodes.Required, tag, ValidationSeverity.Error, ValidationMessages.Required);

    public static void NullElement(ValidationContext ctx, int? tag) =>
        ctx.Add(null, ValidationCodes.Type, tag, ValidationSeverity.Error, "Элемент массива не может быть null");

    public static void String(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, string value, int? minLength, int? maxLength, SchemaPattern? pattern, bool base64)
    {
        if (minLength.HasValue || maxLength.HasValue)
        {
            int length = CodePoints(value);
            if (length < minLength)
            {
                ctx.Add(prop, ValidationCodes.MinLength, tag, sev, $"Длина {length} симв. меньше минимальной ({minLength})");
            }

            if (length > maxLength)
            {
                ctx.Add(prop, ValidationCodes.MaxLength, tag, sev, $"Длина {length} симв. больше максимальной ({maxLength})");
            }
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            ctx.Add(prop, ValidationCodes.Pattern, tag, sev, $"Значение «{Shorten(value)}» не соответствует шаблону {pattern.Text}");
        }

        if (base64 && !IsBase64(value))
        {
            ctx.Add(prop, ValidationCodes.Format, tag, sev, "Значение должно быть закодировано в Base64 (стандартный алфавит, с выравниванием «=»)");
        }
    }

    /// <summary>Checks the canonical text of a typed <c>dd.MM.yyyy HH:mm:ss</c> value (in ATOL's clock) against the schema's keywords.</summary>
    public static void DateTime(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, DateTime value, int? minLength, int? maxLength, SchemaPattern? pattern)
    {
        Span<char> text = stackalloc char[DateWire.DateTimeLength];
        DateWire.FormatDateTime(AtolTime.ToAtolClock(value), text);
        DateText(ctx, prop, tag, sev, text, minLength, maxLength, pattern, -1);
    }

    /// <summary>Checks the canonical text of a typed <c>dd.MM.yyyy</c> value against the schema's keywords.</summary>
    public static void Date(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, DateOnly value, int? minLength, int? maxLength, SchemaPattern? pattern)
    {
        Span<char> text = stackalloc char[DateWire.DateLength];
        DateWire.FormatDate(value, text);
        DateText(ctx, prop, tag, sev, text, minLength, maxLength, pattern, -1);
    }

    /// <summary>Checks the canonical text of a typed value written as <c>dd.MM.yyyy HH:mm:ss</c> in ATOL's zone.</summary>
    public static void DateTimeOffset(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, DateTimeOffset value, int? minLength, int? maxLength, SchemaPattern? pattern) =>
        DateTime(ctx, prop, tag, sev, value.ToOffset(AtolTime.Offset).DateTime, minLength, maxLength, pattern);

    /// <summary>
    /// Judges the text of a date by the lengths and pattern (the same codes and messages as a string member). A
    /// <paramref name="readAt"/> of 0 or more: reading JSON, so a violation is a read issue at that byte. Returns whether
    /// anything was reported.
    /// </summary>
    public static bool DateText(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, ReadOnlySpan<char> text, int? minLength, int? maxLength, SchemaPattern? pattern, long readAt)
    {
        bool reported = false;
        if (minLength.HasValue || maxLength.HasValue)
        {
            int length = text.Length;
            foreach (char c in text)
            {
                if (char.IsLowSurrogate(c))
                {
                    length--;
                }
            }

            if (length < minLength)
            {
                reported = Report(ctx, prop, ValidationCodes.MinLength, tag, sev, $"Длина {length} симв. меньше минимальной ({minLength})", readAt);
            }

            if (length > maxLength)
            {
                reported = Report(ctx, prop, ValidationCodes.MaxLength, tag, sev, $"Длина {length} симв. больше максимальной ({maxLength})", readAt);
            }
        }

        if (pattern is not null && !pattern.IsMatch(text))
        {
            string shown = new(text.Length > 64 ? text[..64] : text);
            reported = Report(ctx, prop, ValidationCodes.Pattern, tag, sev, $"Значение «{shown}» не соответствует шаблону {pattern.Text}", readAt);
        }

        return reported;
    }

    private static bool Report(ValidationContext ctx, string? prop, string code, int? tag, ValidationSeverity sev, string message, long readAt)
    {
        if (readAt >= 0)
        {
            JsonRead.DateIssue(ctx, prop, code, tag, sev, message, readAt, alongside: true);
        }
        else
        {
            ctx.Add(prop, code, tag, sev, message);
        }

        return true;
    }

    public static void Decimal(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, decimal value, decimal? minimum, decimal? maximum, decimal? exclusiveMinimum, decimal? exclusiveMaximum, decimal? multipleOf)
    {
        if (value < minimum)
        {
            ctx.Add(prop, ValidationCodes.Minimum, tag, sev, $"Значение {Show(value)} меньше минимального ({Show(minimum!.Value)})");
        }

        if (value <= exclusiveMinimum)
        {
            ctx.Add(prop, ValidationCodes.ExclusiveMinimum, tag, sev, $"Значение {Show(value)} должно быть больше {Show(exclusiveMinimum!.Value)}");
        }

        if (value > maximum)
        {
            ctx.Add(prop, ValidationCodes.Maximum, tag, sev, $"Значение {Show(value)} больше максимального ({Show(maximum!.Value)})");
        }

        if (value >= exclusiveMaximum)
        {
            ctx.Add(prop, ValidationCodes.ExclusiveMaximum, tag, sev, $"Значение {Show(value)} должно быть меньше {Show(exclusiveMaximum!.Value)}");
        }

        if (multipleOf is { } step && value % step != 0)
        {
            ctx.Add(prop, ValidationCodes.MultipleOf, tag, sev, $"Значение {Show(value)} должно быть кратно {Show(step)} (слишком много знаков после запятой)");
        }
    }

    public static void Integer(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, long value, long? minimum, long? maximum, long? exclusiveMinimum, long? exclusiveMaximum)
    {
        if (value < minimum)
        {
            ctx.Add(prop, ValidationCodes.Minimum, tag, sev, $"Значение {value} меньше минимального ({minimum})");
        }

        if (value <= exclusiveMinimum)
        {
            ctx.Add(prop, ValidationCodes.ExclusiveMinimum, tag, sev, $"Значение {value} должно быть больше {exclusiveMinimum}");
        }

        if (value > maximum)
        {
            ctx.Add(prop, ValidationCodes.Maximum, tag, sev, $"Значение {value} больше максимального ({maximum})");
        }

        if (value >= exclusiveMaximum)
        {
            ctx.Add(prop, ValidationCodes.ExclusiveMaximum, tag, sev, $"Значение {value} должно быть меньше {exclusiveMaximum}");
        }
    }

    public static void Enum(ValidationContext ctx, string? prop, int? tag, ValidationSeverity sev, int value) =>
        ctx.Add(prop, ValidationCodes.Enum, tag, sev, $"Недопустимое значение перечисления ({value})");

    public static void Items(ValidationContext ctx, string prop, int? tag, ValidationSeverity sev, int count, int? minItems, int? maxItems)
    {
        if (count < minItems)
        {
            ctx.Add(prop, ValidationCodes.MinItems, tag, sev, $"Элементов {count}, нужно не меньше {minItems}");
        }

        if (count > maxItems)
        {
            ctx.Add(prop, ValidationCodes.MaxItems, tag, sev, $"Элементов {count}, допускается не больше {maxItems}");
        }
    }

    public static void PropertyCount(ValidationContext ctx, int count, int? minProperties, int? maxProperties)
    {
        if (count < minProperties)
        {
            ctx.Add(null, ValidationCodes.MinProperties, null, ValidationSeverity.Error,
                minProperties == maxProperties ? $"Должно быть заполнено ровно {minProperties} поле(й), заполнено {count}" : $"Заполнено полей {count}, нужно не меньше {minProperties}");
        }

        if (count > maxProperties)
        {
            ctx.Add(null, ValidationCodes.MaxProperties, null, ValidationSeverity.Error,
                minProperties == maxProperties ? $"Должно быть заполнено ровно {maxProperties} поле(й), заполнено {count}" : $"Заполнено полей {count}, допускается не больше {maxProperties}");
        }
    }

    public static void DependentRequired(ValidationContext ctx, string prop, int? tag, string because) =>
        ctx.Add(prop, ValidationCodes.DependentRequired, tag, ValidationSeverity.Error, $"Поле обязательно, когда заполнено «{because}»");

    /// <summary>Length in Unicode code points, as JSON Schema counts it (a surrogate pair is one character).</summary>
    public static int CodePoints(string value)
    {
        int count = value.Length;
        foreach (char c in value)
        {
            if (char.IsLowSurrogate(c))
            {
                count--;
            }
        }

        return count;
    }

    public static bool IsBase64(string value) =>
        value.Length % 4 == 0 && Base64.IsValid(value.AsSpan(), out _) && value.AsSpan().IndexOfAny(" \t\r\n") < 0;

    private static string Shorten(string value) => value.Length > 64 ? value[..64] + "…" : value;

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// A schema pattern, compiled once per thread: a <see cref="Regex"/> shares one cached runner between threads, so
/// under concurrency it allocates new runners; a per-thread instance keeps validation allocation-free everywhere.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "Instances live in static fields for the life of the process.")]
internal sealed class SchemaPattern
{
    private readonly ThreadLocal<Regex> _regex;

    public SchemaPattern(string pattern)
    {
        Text = pattern;
        string dotnet = Checks.StrictEndAnchors(pattern);
        _ = new Regex(dotnet, RegexOptions.ECMAScript); // fail fast on a bad pattern, on the first use of the type
        // Compiled to IL where the runtime can (4-6x faster per check, measured in benchmarks/); NativeAOT interprets.
        var options = RegexOptions.ECMAScript | (System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled ? RegexOptions.Compiled : RegexOptions.None);
        _regex = new ThreadLocal<Regex>(() =>
        {
            var regex = new Regex(dotnet, options, MatchTimeout);
            // The first match JIT-compiles the compiled pattern inside the timed match: on a loaded machine that alone
            // took longer than the timeout and turned a valid value into a Pattern violation. Warm it up first.
            try
            {
                _ = regex.IsMatch(string.Empty);
            }
            catch (RegexMatchTimeoutException)
            {
            }

            return regex;
        });
    }

    /// <summary>Bounds a pathological input; a timeout is retried once so that a descheduled thread is no violation.</summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The pattern as the schema writes it.</summary>
    public string Text { get; }

    public bool IsMatch(string value) => IsMatch(value.AsSpan());

    /// <summary>Matches a span (dates are formatted on the stack, so checking them allocates nothing).</summary>
    public bool IsMatch(ReadOnlySpan<char> value)
    {
        // A timeout bounds pathological input; it is generous and retried once because a thread descheduled on a loaded
        // machine (or JIT-compiling its regex on first use) must never turn a valid value into a Pattern violation.
        var regex = _regex.Value!;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return regex.IsMatch(value);
            }
            catch (RegexMatchTimeoutException) when (attempt < 2)
            {
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
