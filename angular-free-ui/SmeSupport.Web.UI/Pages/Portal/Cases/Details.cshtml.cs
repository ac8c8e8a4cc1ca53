using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;
using SmeSupport.Web.UI.Formatting;

namespace SmeSupport.Web.UI.Pages.Portal.Cases;

/// <summary>
/// One of the enterprise's cases at <c>/Portal/Cases/{id}</c>: public replies only (the portal service never returns
/// internal notes), reply, attach, and rate the resolution 1–5. Another enterprise's case answers 404.
/// </summary>
[Authorize(Policy = CasesPermissions.Portal)]
public sealed class DetailsModel(IPortalCaseAppService portal, IErrorMessageLocalizer errorMessages, IStringLocalizer<CasesResource> localizer) : PageModel
{
    /// <summary>True when the case (or visit) was not found: the page shows the 404 text instead (status 404).</summary>
    public bool Missing { get; private set; }

    /// <summary>The page's 404 answer: the site layout with a "not found" text, not Problem Details JSON.</summary>
    private PageResult NotFoundPage()
    {
        Missing = true;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }

    /// <summary>The case.</summary>
    public PortalCaseDto Case { get; private set; } = new();

    /// <summary>Public replies, oldest first.</summary>
    public IReadOnlyList<CaseMessageDto> Messages { get; private set; } = [];

    /// <summary>Public attachments.</summary>
    public IReadOnlyList<CaseAttachmentDto> Attachments { get; private set; } = [];

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A one-time error.</summary>
    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>Shows the case.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Case = await portal.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        Messages = await portal.GetMessagesAsync(id, cancellationToken);
        Attachments = await portal.GetAttachmentsAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>Replies.</summary>
    public Task<IActionResult> OnPostReplyAsync(Guid id, string? body, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () =>
        {
            await portal.ReplyAsync(id, new PostCaseMessageDto { Body = body }, cancellationToken);
            return localizer["Case.ReplySent"];
        });

    /// <summary>Uploads an attachment.</summary>
    public Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () =>
        {
            if (file is null)
            {
                throw new InputValidationException(new Dictionary<string, string[]> { ["file"] = [localizer["Field.File"]] });
            }

            await using var stream = file.OpenReadStream();
            await portal.UploadAsync(id, file.FileName, file.Length, stream, cancellationToken);
            return localizer["Case.Uploaded"];
        });

    /// <summary>Rates the resolution.</summary>
    public Task<IActionResult> OnPostRateAsync(Guid id, int? rating, string? comment, CancellationToken cancellationToken) =>
        ChangeAsync(id, async () =>
        {
            await portal.RateAsync(id, new RateCaseDto { Rating = rating, Comment = comment }, cancellationToken);
            return localizer["Case.Rated"];
        });

    /// <summary>Downloads a public attachment.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        try
        {
            var file = await portal.OpenAttachmentAsync(id, attachmentId, cancellationToken);
            return PhysicalFile(file.Path, file.Attachment.ContentType, file.Attachment.FileName);
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    private async Task<IActionResult> ChangeAsync(Guid id, Func<Task<string>> change)
    {
        try
        {
            StatusMessage = await change();
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (BusinessException e)
        {
            ErrorMessage = CaseUi.Error(e, errorMessages);
        }

        return RedirectToPage("/Portal/Cases/Details", new { id });
    }
}
