using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Portal.Cases;

/// <summary>Opens a case for the enterprise at <c>/Portal/Cases/Create</c>.</summary>
[Authorize(Policy = CasesPermissions.Portal)]
public sealed class CreateModel(IPortalCaseAppService portal, IStringLocalizer<CasesResource> localizer) : PageModel
{
    /// <summary>Subject.</summary>
    [BindProperty]
    public string? Subject { get; set; }

    /// <summary>Type.</summary>
    [BindProperty]
    public CaseType? Type { get; set; }

    /// <summary>Description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>Field errors.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Opens the case and goes to it.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            var created = await portal.OpenAsync(new OpenPortalCaseDto { Subject = Subject, Type = Type, Description = Description }, cancellationToken);
            TempData["StatusMessage"] = localizer["Case.Opened"].Value;
            return RedirectToPage("/Portal/Cases/Details", new { id = created.Id });
        }
        catch (BusinessException e)
        {
            Errors = e.Errors.Count > 0 ? e.Errors : new Dictionary<string, string[]> { [""] = [e.Message] };
            return Page();
        }
    }
}
