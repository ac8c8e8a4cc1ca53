using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>Edit an enterprise at <c>/Enterprises/{id}/Edit</c>; the concurrency stamp travels in a hidden field.</summary>
[Authorize(Policy = EnterprisesPermissions.Update)]
public sealed class EditModel(IEnterpriseAppService enterprises, IAdministrativeUnitAppService units, IStringLocalizer<WebUIResource> localizer)
    : EnterpriseFormPageModel(units, localizer)
{
    /// <summary>The enterprise id (route).</summary>
    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>The name as stored, for the heading.</summary>
    public string StoredName { get; private set; } = "";

    /// <summary>Shows the form filled from the stored enterprise; 404 when unknown.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var e = await enterprises.GetAsync(Id, cancellationToken);
            Input = EnterpriseFormModel.From(e);
            StoredName = e.Name;
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        await LoadOptionsAsync(cancellationToken);
        return Page();
    }

    /// <summary>Saves the changes, or shows the form again with the errors next to the fields.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var dto = ToCreateDto();
        if (dto is not null && ModelState.IsValid)
        {
            try
            {
                await enterprises.UpdateAsync(Id, new UpdateEnterpriseDto
                {
                    TaxCode = dto.TaxCode,
                    Name = dto.Name,
                    ShortName = dto.ShortName,
                    LegalForm = dto.LegalForm,
                    IndustryCode = dto.IndustryCode,
                    Employees = dto.Employees,
                    AnnualRevenueVnd = dto.AnnualRevenueVnd,
                    CapitalVnd = dto.CapitalVnd,
                    ProvinceCode = dto.ProvinceCode,
                    WardCode = dto.WardCode,
                    Street = dto.Street,
                    Website = dto.Website,
                    ProgrammeStatus = dto.ProgrammeStatus,
                    ConcurrencyStamp = Input.ConcurrencyStamp,
                }, cancellationToken);
                TempData["StatusMessage"] = L["Enterprises.Saved"].Value;
                return RedirectToPage("/Enterprises/Details", new { id = Id });
            }
            catch (EntityNotFoundException)
            {
                return NotFound();
            }
            catch (BusinessException ex)
            {
                AddErrors(ex);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                AddConcurrencyError(ex);
            }
        }

        StoredName = Input.Name ?? "";
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }
}
