using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Web.UI.Formatting;

namespace SmeSupport.Web.UI.Pages.Cases;

/// <summary>
/// One case for staff at <c>/Cases/{id}</c>: due times and remaining working time, the conversation (public replies and
/// internal notes, marked apart), attachments, workflow steps and assignment. Writing needs <see cref="CasesPermissions.Manage"/>.
/// </summary>
[Authorize(Policy = CasesPermissions.Default)]
public sealed class DetailsModel(
    ISupportCaseAppService cases,
    ICaseConversationAppService conversation,
    IUserDirectory users,
    IAuthorizationService authorization,
    IErrorMessageLocalizer errorMessages,
    IStringLocalizer<CasesResource> localizer) : PageModel
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
    public SupportCaseDto Case { get; private set; } = new();

    /// <summary>Replies and notes, oldest first.</summary>
    public IReadOnlyList<CaseMessageDto> Messages { get; private set; } = [];

    /// <summary>Attachments.</summary>
    public IReadOnlyList<CaseAttachmentDto> Attachments { get; private set; } = [];

    /// <summary>Officers who can work cases.</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>True when the user may work the case.</summary>
    public bool CanManage { get; private set; }

    /// <summary>A one-time notice after a change.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>A one-time error after a refused change.</summary>
    [TempData]
    public string? ErrorMessage { get; set; }

    /// <summary>The workflow steps allowed from the current status.</summary>
    public IReadOnlyList<CaseAction> Actions => Case.Status switch
    {
        CaseStatus.Assigned => [CaseAction.Start],
        CaseStatus.InProgress => [CaseAction.WaitForEnterprise, CaseAction.Resolve],
        CaseStatus.WaitingForEnterprise => [CaseAction.Resume, CaseAction.Resolve],
        CaseStatus.Resolved => [CaseAction.Close, CaseAction.Reopen],
        _ => [],
    };

    /// <summary>The officer's display name.</summary>
    public string? OfficerName(Guid? id) => id is { } g ? Officers.FirstOrDefault(o => o.Id == g) is { } o ? o.FullName ?? o.Email : g.ToString() : null;

    /// <summary>Shows the case.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Case = await cases.GetAsync(id, cancellationToken);
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }

        Messages = await conversation.GetMessagesAsync(id, cancellationToken);
        Attachments = await conversation.GetAttachmentsAsync(id, cancellationToken);
        Officers = await users.ListWithPermissionAsync(CasesPermissions.Manage, cancellationToken);
        CanManage = (await authorization.AuthorizeAsync(User, CasesPermissions.Manage)).Succeeded;
        return Page();
    }

    /// <summary>Posts a public reply or an internal note.</summary>
    public Task<IActionResult> OnPostMessageAsync(Guid id, string? body, bool isInternal, CancellationToken cancellationToken) =>
        ManageAsync(id, async () =>
        {
            await conversation.PostAsync(id, new PostCaseMessageDto { Body = body, IsInternal = isInternal }, cancellationToken);
            return localizer[isInternal ? "Case.NoteSaved" : "Case.ReplySent"];
        });

    /// <summary>
    /// Applies a workflow step, named as the form posts it (<c>Start</c>, <c>Resolve</c>…). A missing, numeric or unknown
    /// step is refused with a message and changes nothing (it used to bind to Start, the enum's 0).
    /// </summary>
    public Task<IActionResult> OnPostActionAsync(Guid id, string? step, CancellationToken cancellationToken) =>
        ManageAsync(id, async () =>
        {
            if (ParseStep(step) is not { } action)
            {
                throw new InputValidationException(new Dictionary<string, string[]> { ["step"] = [localizer["Case.UnknownStep"]] });
            }

            await cases.ApplyAsync(id, action, cancellationToken);
            return localizer["Case.Saved"];
        });

    /// <summary>The workflow step by its exact name (case-insensitive), or null for anything else.</summary>
    public static CaseAction? ParseStep(string? step) =>
        Enum.GetNames<CaseAction>().FirstOrDefault(n => string.Equals(n, step?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<CaseAction>(name)
            : null;

    /// <summary>Assigns to an officer, or automatically.</summary>
    public Task<IActionResult> OnPostAssignAsync(Guid id, Guid? assigneeId, bool auto, CancellationToken cancellationToken) =>
        ManageAsync(id, async () =>
        {
            await cases.AssignAsync(id, auto ? new AssignCaseDto { Auto = true } : new AssignCaseDto { AssigneeId = assigneeId }, cancellationToken);
            return localizer["Case.Saved"];
        });

    /// <summary>Uploads an attachment (public, or internal when ticked).</summary>
    public Task<IActionResult> OnPostUploadAsync(Guid id, IFormFile? file, bool isInternal, CancellationToken cancellationToken) =>
        ManageAsync(id, async () =>
        {
            if (file is null)
            {
                throw new InputValidationException(new Dictionary<string, string[]> { ["file"] = [localizer["Field.File"]] });
            }

            await using var stream = file.OpenReadStream();
            await conversation.UploadAsync(id, file.FileName, file.Length, stream, isInternal, cancellationToken);
            return localizer["Case.Uploaded"];
        });

    /// <summary>Downloads an attachment.</summary>
    public async Task<IActionResult> OnGetDownloadAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        try
        {
            var file = await conversation.OpenAttachmentAsync(id, attachmentId, cancellationToken);
            return PhysicalFile(file.Path, file.Attachment.ContentType, file.Attachment.FileName);
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
    }

    private async Task<IActionResult> ManageAsync(Guid id, Func<Task<string>> change)
    {
        if (!(await authorization.AuthorizeAsync(User, CasesPermissions.Manage)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            StatusMessage = await change();
        }
        catch (EntityNotFoundException)
        {
            return NotFoundPage();
        }
        catch (BusinessException e)
        {
            ErrorMessage = CaseUi.Error(e, errorMessages);
        }

        return RedirectToPage("/Cases/Details", new { id });
    }
}
