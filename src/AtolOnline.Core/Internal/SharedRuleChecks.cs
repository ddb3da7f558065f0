using System.Globalization;
using AtolOnline.Validation;

namespace AtolOnline.Internal;

/// <summary>The checks and limits several cross-field rules share (amount limit, dates, contacts), allocation-free.</summary>
internal static class SharedRuleChecks
{
    // V4DOC p.22, V5DOC p.24; decision 13 (schemas/DECISIONS.md).
    /// <summary>The largest amount a register takes: 42 949 672.95 roubles for a price, a sum or price × quantity.</summary>
    public const decimal MaxAmount = 42_949_672.95m;

    /// <summary>Whether <paramref name="text"/> starts with a real calendar date <c>dd.MM.yyyy</c>.</summary>
    public static bool StartsWithCalendarDate(string text)
    {
        if (text.Length < 10 || text[2] != '.' || text[5] != '.')
        {
            return true; // the pattern reports the shape; this rule only judges dates of the right shape
        }

        if (!TryDigits(text, 0, 2, out int day) || !TryDigits(text, 3, 2, out int month) || !TryDigits(text, 6, 4, out int year))
        {
            return true;
        }

        return month is >= 1 and <= 12 && year >= 1 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }

    public static string Money(decimal value) => value.ToString("0.00##", CultureInfo.InvariantCulture);

    public static void CheckDate(ValidationContext ctx, string prop, int? tag, string? value)
    {
        if (value is not null && !StartsWithCalendarDate(value))
        {
            ctx.Add(prop, CrossFieldRuleCodes.CalendarDateValid, tag, ValidationSeverity.Error, $"Дата «{value[..10]}» не существует в календаре");
        }
    }

    /// <summary>
    /// Warns when <c>correction.correction_info.base_date</c> is later than the date of the request's timestamp. Typed
    /// dates are calendar dates by construction (the reader reports one that is not, rule CalendarDateValid); a default
    /// value is a timestamp that could not be read and is judged nowhere else.
    /// </summary>
    public static void CheckBaseDateNotAfterDocument(ValidationContext ctx, DateOnly? baseDate, DateTime timestamp, string message)
    {
        if (baseDate is not { } basis || basis == default || timestamp == default)
        {
            return;
        }

        if (basis > DateOnly.FromDateTime(AtolTime.ToAtolClock(timestamp)))
        {
            ctx.Push("correction");
            ctx.Push("correction_info");
            ctx.Add("base_date", CrossFieldRuleCodes.CorrectionBaseDateNotAfterDocument, 1178, ValidationSeverity.Warning, message);
            ctx.Pop();
            ctx.Pop();
        }
    }

    public static void WarnNone(ValidationContext ctx, string prop, int tag, string? value)
    {
        if (value == "none")
        {
            ctx.Add(prop, CrossFieldRuleCodes.ContactNoneDiscouraged, tag, ValidationSeverity.Warning,
                "Значение «none» допускается протоколом, но его действие не описано; укажите реальный контакт");
        }
    }

    private static bool TryDigits(string text, int start, int length, out int value)
    {
        value = 0;
        for (int i = start; i < start + length; i++)
        {
            char c = text[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
