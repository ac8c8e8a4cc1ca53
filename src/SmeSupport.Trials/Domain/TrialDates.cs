using SmeSupport.Errors;

namespace SmeSupport.Trials.Domain;

/// <summary>
/// The range of dates a trial (start, end) or a check-in may carry: 2000-01-01 to 2100-12-31. Dates outside it are typing
/// mistakes (0001-01-01, 9999-12-31) and would overflow <see cref="DateOnly.AddDays"/> when the end is computed from the
/// platform's default length, so they are refused as field errors (400).
/// </summary>
internal static class TrialDates
{
    /// <summary>Earliest accepted date.</summary>
    public static readonly DateOnly Min = new(2000, 1, 1);

    /// <summary>Latest accepted date.</summary>
    public static readonly DateOnly Max = new(2100, 12, 31);

    /// <summary>True when <paramref name="date"/> lies in [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public static bool InRange(DateOnly date) => date >= Min && date <= Max;

    /// <summary>
    /// Checks a planned trial's dates: start required and in range, end (given, or start + <paramref name="defaultDays"/> − 1 when
    /// <paramref name="defaultDays"/> is known) in range and not before the start. Adds field errors <c>startDate</c>/<c>endDate</c>.
    /// </summary>
    public static void Check(DateOnly? start, DateOnly? end, int? defaultDays, FieldErrors errors)
    {
        if (start is not { } s)
        {
            errors.Add("startDate", TrialsText.Get("Field.StartDateRequired"));
            return;
        }

        if (!InRange(s))
        {
            errors.Add("startDate", TrialsText.Get("Field.StartDateOutOfRange", Min, Max));
            return;
        }

        if (end is { } e)
        {
            if (!InRange(e))
            {
                errors.Add("endDate", TrialsText.Get("Field.EndDateOutOfRange", Min, Max));
            }
            else if (e < s)
            {
                errors.Add("endDate", TrialsText.Get("Field.EndBeforeStart"));
            }
        }
        else if (defaultDays is { } days && (long)s.DayNumber + days - 1 > Max.DayNumber)
        {
            errors.Add("startDate", TrialsText.Get("Field.EndsAfterMax", Max, days));
        }
    }
}
