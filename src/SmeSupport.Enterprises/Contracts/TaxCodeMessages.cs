using System.Globalization;
using SmeSupport.Domain;

namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// The registry's wording of a tax-code rule that failed (<see cref="TaxCodeError"/>, from <see cref="TaxCode"/>'s parser), as the
/// enterprise form and API say it — Vietnamese by default, English for <c>en</c> — so that other modules (the tax-office
/// reconciliation) word a bad tax code the same way.
/// </summary>
public static class TaxCodeMessages
{
    /// <summary>A whole sentence, e.g. "Chữ số kiểm tra (chữ số thứ 10) của mã số thuế không đúng."</summary>
    /// <param name="error">The failed rule.</param>
    /// <param name="culture">The reader's culture.</param>
    public static string For(TaxCodeError error, CultureInfo culture) =>
        EnterprisesText.GetIn($"Validation.TaxCode.{error}", culture) ?? error.ToString();
}
