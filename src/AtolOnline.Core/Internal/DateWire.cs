using System.Globalization;
using System.Text.Json;

namespace AtolOnline.Internal;

/// <summary>
/// ATOL's date formats (<c>dd.MM.yyyy HH:mm:ss</c>, <c>dd.MM.yyyy</c>) and ISO 8601, formatted and parsed without
/// allocating and without culture (schemas/README.md, "Dates and times").
/// </summary>
internal static class DateWire
{
    /// <summary>Characters of <c>dd.MM.yyyy HH:mm:ss</c>.</summary>
    public const int DateTimeLength = 19;

    /// <summary>Characters of <c>dd.MM.yyyy</c>.</summary>
    public const int DateLength = 10;

    /// <summary>Longest UTF-8 text a date member is parsed from; anything longer is no date.</summary>
    public const int MaxText = 256;

    public static void FormatDate(DateOnly value, Span<char> into)
    {
        Two(value.Day, into);
        into[2] = '.';
        Two(value.Month, into[3..]);
        into[5] = '.';
        Two(value.Year / 100, into[6..]);
        Two(value.Year % 100, into[8..]);
    }

    /// <summary>Formats the wall-clock value (its kind is not looked at: convert first).</summary>
    public static void FormatDateTime(DateTime value, Span<char> into)
    {
        FormatDate(DateOnly.FromDateTime(value), into);
        into[10] = ' ';
        Two(value.Hour, into[11..]);
        into[13] = ':';
        Two(value.Minute, into[14..]);
        into[16] = ':';
        Two(value.Second, into[17..]);
    }

    /// <summary>The whitespace ATOL's service admits between date and time (ECMA-262 <c>\s</c> as its schema spells it).</summary>
    public static bool IsSeparator(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    public enum Outcome
    {
        Parsed,
        NotADate,
        NotInCalendar,
    }

    /// <summary>
    /// Parses <c>dd.MM.yyyy</c>; with <paramref name="allowTail"/> a date followed by whitespace and anything (a time of
    /// day, as ATOL's v4 example writes base_date) gives the date.
    /// </summary>
    public static Outcome ParseDate(ReadOnlySpan<char> text, bool allowTail, out DateOnly value)
    {
        value = default;
        if (text.Length != DateLength && !(allowTail && text.Length > DateLength && IsSeparator(text[DateLength])))
        {
            return Outcome.NotADate;
        }

        if (text[2] != '.' || text[5] != '.' || !Digits(text[..2], out int day) || !Digits(text.Slice(3, 2), out int month) || !Digits(text.Slice(6, 4), out int year))
        {
            return Outcome.NotADate;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Outcome.NotInCalendar;
        }

        value = new DateOnly(year, month, day);
        return Outcome.Parsed;
    }

    /// <summary>Parses <c>dd.MM.yyyy HH:mm:ss</c>, admitting any one whitespace character between date and time.</summary>
    public static Outcome ParseDateTime(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length != DateTimeLength || !IsSeparator(text[DateLength]) || text[13] != ':' || text[16] != ':'
            || !Digits(text.Slice(11, 2), out int hour) || !Digits(text.Slice(14, 2), out int minute) || !Digits(text.Slice(17, 2), out int second))
        {
            return Outcome.NotADate;
        }

        var dateOutcome = ParseDate(text[..DateLength], allowTail: false, out var date);
        if (dateOutcome != Outcome.Parsed)
        {
            return dateOutcome;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return Outcome.NotADate;
        }

        value = date.ToDateTime(new TimeOnly(hour, minute, second), DateTimeKind.Unspecified);
        return Outcome.Parsed;
    }

    /// <summary>Parses ISO 8601 with an offset or <c>Z</c> (fractions allowed); without either the value is read as UTC.</summary>
    public static Outcome ParseIso(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value) && text.Length >= DateLength && text[4] == '-'
            ? Outcome.Parsed
            : Outcome.NotADate;

    /// <summary>
    /// Copies the string token under the reader into <paramref name="buffer"/>; false when its UTF-8 form is longer than
    /// the buffer (unescaped, a token never has more characters than bytes).
    /// </summary>
    public static bool TryCopy(ref Utf8JsonReader reader, scoped Span<char> buffer, out int length)
    {
        long bytes = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (bytes > buffer.Length)
        {
            length = 0;
            return false;
        }

        length = reader.CopyString(buffer);
        return true;
    }

    private static void Two(int value, Span<char> into)
    {
        into[0] = (char)('0' + (value / 10));
        into[1] = (char)('0' + (value % 10));
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
