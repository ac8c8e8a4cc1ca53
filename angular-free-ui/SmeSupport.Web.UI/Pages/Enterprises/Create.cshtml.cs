using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>New enterprise at <c>/Enterprises/Create</c>.</summary>
[Authorize(Policy = EnterprisesPermissions.Create)]
public sealed class CreateModel(IEnterpriseAppService enterprises, IAdministrativeUnitAppService units, IStringLocalizer<WebUIResource> localizer)
    : EnterpriseFormPageModel(units, localizer)
{
    /// <summary>Shows an empty form (province Phú Thọ, status Prospect).</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new EnterpriseFormModel { ProgrammeStatus = ProgrammeStatus.Prospect };
        await LoadOptionsAsync(cancellationToken);
    }

    /// <summary>Creates the enterprise, or shows the form again with the errors next to the fields.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var dto = ToCreateDto();
        if (dto is not null && ModelState.IsValid)
        {
            try
            {
                var created = await enterprises.CreateAsync(dto, cancellationToken);
                TempData["StatusMessage"] = L["Enterprises.Created"].Value;
                return RedirectToPage("/Enterprises/Details", new { id = created.Id });
            }
            catch (BusinessException ex)
            {
                AddErrors(ex);
            }
        }

        await LoadOptionsAsync(cancellationToken);
        return Page();
    }
}
