using System.Globalization;
using System.Resources;
using SmeSupport.EInvoicing.Contracts;

namespace SmeSupport.EInvoicing.Application;

/// <summary>
/// Arguments of coded error messages (<see cref="Errors.BusinessException.MessageArgs"/>) that render in whatever culture the message is
/// formatted in: a step by its localized name (<c>Step.*</c> of <see cref="ReconciliationTexts"/>), a date as dd/MM/yyyy in Vietnamese and
/// yyyy-MM-dd otherwise.
/// </summary>
internal static class MessageArgs
{
    private static readonly ResourceManager Texts = new(typeof(ReconciliationTexts));

    /// <summary>A step shown by its name in the message's culture (e.g. "Đã nộp đăng ký (01/ĐKTĐ-HĐĐT)" rather than <c>RegistrationSubmitted</c>).</summary>
    public static object Step(EInvoiceStep step) => new Formatted(c => Texts.GetString("Step." + step, c) ?? step.ToString());

    /// <summary>A date shown dd/MM/yyyy in Vietnamese, yyyy-MM-dd otherwise.</summary>
    public static object Date(DateOnly date) => new Formatted(c =>
        date.ToString(c.TwoLetterISOLanguageName == "vi" ? "dd/MM/yyyy" : "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private sealed class Formatted(Func<CultureInfo, string> render) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            render(formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

        public override string ToString() => render(CultureInfo.CurrentUICulture);
    }
}
