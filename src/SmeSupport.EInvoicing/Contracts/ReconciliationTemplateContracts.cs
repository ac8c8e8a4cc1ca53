namespace SmeSupport.EInvoicing.Contracts;

/// <summary>One column of the tax-office file the reconciliation import reads.</summary>
/// <param name="Header">The header the template writes (Vietnamese).</param>
/// <param name="Aliases">Other headers accepted for the column (Vietnamese and English), compared ignoring case, diacritics and punctuation.</param>
/// <param name="Required">True when the import refuses a file without the column.</param>
/// <param name="Values">What the cells may hold, in Vietnamese.</param>
/// <param name="ValuesEn">What the cells may hold, in English.</param>
public sealed record ReconciliationTemplateColumnDto(string Header, IReadOnlyList<string> Aliases, bool Required, string Values, string ValuesEn);

/// <summary>A template file ready to download.</summary>
/// <param name="FileName">File name, e.g. <c>mau-doi-chieu-hddt.csv</c>.</param>
/// <param name="ContentType">MIME type.</param>
/// <param name="Content">The bytes.</param>
public sealed record ReconciliationTemplateFileDto(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The template of a tax-office file for the reconciliation import: the columns (Vietnamese headers, accepted aliases, accepted values)
/// and a file with those headers and two example rows, as CSV (UTF-8 with BOM, comma) or XLSX. The import reads the template back with
/// no row in error.
/// </summary>
public interface IReconciliationTemplate
{
    /// <summary>The columns, in the template's order.</summary>
    IReadOnlyList<ReconciliationTemplateColumnDto> Columns { get; }

    /// <summary>The template as <paramref name="format"/> (<c>csv</c> or <c>xlsx</c>, any case; missing or blank: <c>csv</c>).</summary>
    /// <exception cref="Errors.InputValidationException">Another format (400, field <c>format</c>).</exception>
    ReconciliationTemplateFileDto Create(string? format);
}
