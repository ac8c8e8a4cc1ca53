using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Web.UI.Pages.Enterprises;

namespace SmeSupport.Web.UI.Pages.Portal.Enterprise;

/// <summary>
/// The own enterprise's profile at <c>/Portal/Enterprise</c> (<see cref="EnterprisesPermissions.OwnEnterprise"/>): shown in a
/// form the EnterpriseUser edits and saves. The tax code is read-only and the programme status is not offered (the
/// application service keeps both as stored). The enterprise is the one of the user's claim; there is no id in the URL.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.OwnEnterprise)]
public sealed class IndexModel(
    IEnterpriseAppService enterprises,
    IAdministrativeUnitAppService units,
    IStringLocalizer<WebUIResource> localizer,
    IStringLocalizer<EnterpriseUiResource> portalLocalizer,
    ICurrentUser currentUser) : EnterpriseFormPageModel(units, localizer)
{
    /// <inheritdoc />
    public override bool IsPortal => true;

    /// <summary>The name as stored, for the heading.</summary>
    public string StoredName { get; private set; } = "";

    /// <summary>A one-time notice after a save.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Shows the form filled from the stored enterprise; 404 when the account is bound to none.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        try
        {
            var e = await enterprises.GetAsync(id, cancellationToken);
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
        if (currentUser.EnterpriseId is not { } id)
        {
            return NotFound();
        }

        EnterpriseDto stored;
        try
        {
            stored = await enterprises.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }

        // Whatever was posted, the tax code and programme status stay as stored.
        Input.TaxCode = stored.TaxCode;
        Input.ProgrammeStatus = stored.ProgrammeStatus;
        ModelState.Remove($"{nameof(Input)}.{nameof(EnterpriseFormModel.TaxCode)}");
        ModelState.Remove($"{nameof(Input)}.{nameof(EnterpriseFormModel.ProgrammeStatus)}");
        var dto = ToCreateDto();
        if (dto is not null && ModelState.IsValid)
        {
            try
            {
                await enterprises.UpdateAsync(id, new UpdateEnterpriseDto
                {
                    TaxCode = stored.TaxCode,
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
                    ProgrammeStatus = stored.ProgrammeStatus,
                    ConcurrencyStamp = Input.ConcurrencyStamp,
                }, cancellationToken);
                StatusMessage = portalLocalizer["Portal.Saved"].Value;
                return RedirectToPage("/Portal/Enterprise/Index");
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

        StoredName = stored.Name;
        await LoadOptionsAsync(cancellationToken);
        return Page();
    }
}
