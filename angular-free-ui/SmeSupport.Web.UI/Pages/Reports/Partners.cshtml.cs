using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using SmeSupport.Errors;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Admin: partner organizations, their users, and invitations of TaxPartner users.</summary>
[Authorize(Policy = ReportingPermissions.Partners)]
public sealed class PartnersModel(IPartnerOrganizationAppService partners, IConfiguration configuration, IStringLocalizer<ReportingResource> localizer)
    : PageModel
{
    /// <summary>Organizations with their users.</summary>
    public IReadOnlyList<(PartnerOrganizationDto Org, IReadOnlyList<PartnerUserDto> Users)> Items { get; private set; } = [];

    /// <summary>A notice after an action.</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>Loads the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var list = new List<(PartnerOrganizationDto, IReadOnlyList<PartnerUserDto>)>();
        foreach (var o in await partners.GetListAsync(cancellationToken))
        {
            list.Add((o, await partners.GetUsersAsync(o.Id, cancellationToken)));
        }

        Items = list;
    }

    /// <summary>Creates an organization.</summary>
    public async Task<IActionResult> OnPostCreateAsync(string? name, string? code, string? contactEmail, CancellationToken cancellationToken)
    {
        try
        {
            await partners.CreateAsync(new SavePartnerOrganizationDto(name, code, contactEmail), cancellationToken);
            Message = localizer["Partners.Created"];
        }
        catch (BusinessException ex)
        {
            Message = localizer["Reports.Error", ReportPageHelpers.Describe(ex)];
        }

        return RedirectToPage();
    }

    /// <summary>Invites a TaxPartner user.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, string? email, string? fullName, CancellationToken cancellationToken)
    {
        try
        {
            await partners.InviteUserAsync(id, new InvitePartnerUserDto(email, fullName), SmeSupport.Hosting.PublicUrls.For(configuration, "/Account/SetPassword"),
                cancellationToken);
            Message = localizer["Partners.Invited"];
        }
        catch (BusinessException ex)
        {
            Message = localizer["Reports.Error", ReportPageHelpers.Describe(ex)];
        }

        return RedirectToPage();
    }
}
