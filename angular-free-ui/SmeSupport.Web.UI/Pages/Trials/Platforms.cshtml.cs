using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Errors;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// The platform catalogue at <c>/Trials/Platforms</c>; with <see cref="TrialsPermissions.ManageCatalogue"/> (Admin) a form edits a
/// platform (<c>?edit={id}</c>) or adds one (<c>?edit=new</c>).
/// </summary>
[Authorize(Policy = TrialsPermissions.Default)]
public sealed class PlatformsModel(IPlatformAppService platforms, IAuthorizationService authorization, IErrorMessageLocalizer errors) : PageModel
{
    /// <summary>Every platform, inactive ones included.</summary>
    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    /// <summary>True when the user may edit the catalogue.</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The platform being edited (<c>new</c> for a new one), or null.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Edit { get; set; }

    /// <summary>The form.</summary>
    [BindProperty]
    public SavePlatformDto Input { get; set; } = new() { IsActive = true, DefaultTrialDays = 30, PriceAfterTrialVnd = 0 };

    /// <summary>Refusal, line by line.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>A one-time notice.</summary>
    [TempData]
    public string? StatusMessage { get; set; }

    /// <summary>Lists the catalogue and fills the form when editing.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Edit is not null && !CanEdit)
        {
            return Forbid();
        }

        if (Guid.TryParse(Edit, out var id) && Platforms.FirstOrDefault(p => p.Id == id) is { } p)
        {
            Input = new SavePlatformDto
            {
                Name = p.Name, Provider = p.Provider, Category = p.Category, Programme = p.Programme, Description = p.Description,
                DefaultTrialDays = p.DefaultTrialDays, PriceAfterTrialVnd = p.PriceAfterTrialVnd, IsActive = p.IsActive,
            };
        }

        return Page();
    }

    /// <summary>Saves the form (Admin).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, TrialsPermissions.ManageCatalogue)).Succeeded)
        {
            return Forbid();
        }

        try
        {
            if (Guid.TryParse(Edit, out var id))
            {
                await platforms.UpdateAsync(id, Input with { IsActive = Input.IsActive ?? false }, cancellationToken);
            }
            else
            {
                await platforms.CreateAsync(Input, cancellationToken);
            }
        }
        catch (EntityNotFoundException)
        {
            return NotFound();
        }
        catch (BusinessException ex)
        {
            Problems = PageErrors.Lines(ex, errors);
            await LoadAsync(cancellationToken);
            return Page();
        }

        StatusMessage = "Platforms.Saved";
        return RedirectToPage("/Trials/Platforms");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Platforms = await platforms.GetListAsync(true, cancellationToken);
        CanEdit = (await authorization.AuthorizeAsync(User, TrialsPermissions.ManageCatalogue)).Succeeded;
    }
}
