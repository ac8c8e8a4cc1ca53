using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// <c>/Enterprises/Export?format=xlsx|csv&amp;…</c>: the enterprise list's current filters (the list page's query string:
/// <c>q</c>, <c>ward</c>, <c>form</c>, <c>size</c>, <c>section</c>, <c>status</c>, <c>cohort</c>; the API's names <c>wardCode</c>, <c>legalForm</c>, <c>programmeStatus</c> are accepted too) as a file, in the
/// user's language (Vietnamese headers by default). Cells that a spreadsheet would run as formulas are neutralised.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class ExportModel(IEnterpriseImportAppService exports) : PageModel
{
    /// <summary>Writes the file; a bad filter value answers 400.</summary>
    public async Task<IActionResult> OnGetAsync(string? format, string? q, int? wardCode, LegalForm? legalForm, EnterpriseSize? size,
        string? section, ProgrammeStatus? programmeStatus, string? cohort, int? ward, LegalForm? form, ProgrammeStatus? status, CancellationToken ct)
    {
        var filter = new EnterpriseListFilterDto
        {
            Q = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            WardCode = wardCode ?? ward,
            LegalForm = legalForm ?? form,
            Size = size,
            Section = string.IsNullOrWhiteSpace(section) ? null : section,
            ProgrammeStatus = programmeStatus ?? status,
            Cohort = string.IsNullOrWhiteSpace(cohort) ? null : cohort,
        };
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        try
        {
            var file = await exports.ExportAsync(filter, format == "csv" ? EnterpriseFileFormat.Csv : EnterpriseFileFormat.Xlsx, english, ct);
            return File(file.Content, file.ContentType, file.FileName);
        }
        catch (InputValidationException)
        {
            return BadRequest();
        }
    }
}
