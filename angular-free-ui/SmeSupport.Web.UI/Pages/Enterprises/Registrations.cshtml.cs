using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// The self-registration queue at <c>/Enterprises/Registrations</c> (<see cref="EnterprisesPermissions.Registrations"/>): filtered by
/// status (default: confirmed and waiting, <see cref="RegistrationStatus.Submitted"/>), oldest first, each with its contact, consents and
/// the possible-duplicate flag (a similar name in the same commune). Approve creates the enterprise and an EnterpriseUser account and
/// e-mails a set-password link; reject needs a reason, which is e-mailed. The same <see cref="IRegistrationAppService"/> as
/// <c>GET /api/registrations</c>, <c>POST …/approve</c> and <c>POST …/reject</c>.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Registrations)]
public sealed class RegistrationsModel(IRegistrationAppService registrations, IConfiguration configuration,
    IStringLocalizer<EnterpriseUiResource> localizer) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Status shown (query <c>status</c>); null shows every status.</summary>
    [BindProperty(SupportsGet = true)]
    public RegistrationStatus? Status { get; set; } = RegistrationStatus.Submitted;

    /// <summary>True when the query asked for every status (<c>status=all</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "all")]
    public bool All { get; set; }

    /// <summary>1-based page number (query <c>p</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of registrations.</summary>
    public PagedResultDto<RegistrationDto> Result { get; private set; } = new([], 0);

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>A one-time notice after approve or reject.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Why the last action was refused, for display.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The registration whose reject form had an error (its reason box shows the message).</summary>
    public Guid? RejectErrorId { get; private set; }

    /// <summary>Lists the queue.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Approves one registration.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            var approved = await registrations.ApproveAsync(id, $"{SmeSupport.Hosting.PublicUrls.BaseUrl(configuration)}/Account/SetPassword", cancellationToken);
            TempData["StatusMessage"] = localizer["Registrations.Approved", approved.Name, approved.ContactEmail].Value;
            return RedirectToPage(new { status = Status, all = All });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            ErrorMessage = ex.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Rejects one registration with the reason typed (required; e-mailed to the contact).</summary>
    public async Task<IActionResult> OnPostRejectAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        try
        {
            var rejected = await registrations.RejectAsync(id, new RejectRegistrationDto(reason), cancellationToken);
            TempData["StatusMessage"] = localizer["Registrations.Rejected", rejected.Name].Value;
            return RedirectToPage(new { status = Status, all = All });
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (InputValidationException)
        {
            RejectErrorId = id;
            ErrorMessage = string.IsNullOrWhiteSpace(reason) ? localizer["Registrations.ReasonRequired"].Value : localizer["Registrations.ReasonTooLong"].Value;
        }
        catch (BusinessException ex) when (ex is not ForbiddenException)
        {
            ErrorMessage = ex.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        if (Status is { } s && !Enum.IsDefined(s))
        {
            Status = RegistrationStatus.Submitted;
        }

        Result = await registrations.GetListAsync(All ? null : Status, new PagedRequestDto { Page = PageNumber, PageSize = PageSize }, cancellationToken);
    }
}
