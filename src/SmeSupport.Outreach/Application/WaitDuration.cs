using System.Globalization;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// A wait told to a person in an error message: seconds below a minute ("45 giây", "45 s"), else whole minutes rounded up
/// ("56 phút", "56 min"), in the culture the message is formatted in (<see cref="string.Format(IFormatProvider, string, object[])"/>).
/// </summary>
/// <param name="Seconds">The wait in seconds.</param>
internal sealed record WaitDuration(int Seconds) : IFormattable
{
    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        var english = (formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "en";
        if (Seconds < 60)
        {
            return english ? $"{Seconds} s" : $"{Seconds} giây";
        }

        var minutes = (Seconds + 59) / 60;
        return english ? $"{minutes} min" : $"{minutes} phút";
    }

    /// <inheritdoc />
    public override string ToString() => ToString(null, CultureInfo.CurrentUICulture);
}
