using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Web.UI.Pages.Trials;

/// <summary>
/// <c>/Trials/Assign</c>: plans one trial — the enterprise picked from a search of the registry (name or tax code, up to 20 matches),
/// a platform of the catalogue, the assigned officer (users holding <see cref="TrialsPermissions.Manage"/>) and the dates. A refusal is
/// shown field by field next to each field; on success the browser goes to the new trial.
/// </summary>
[Authorize(Policy = TrialsPermissions.Manage)]
public sealed class AssignModel(ITrialAppService trials, IPlatformAppService platforms, IEnterpriseAppService registry, IUserDirectory users,
    IErrorMessageLocalizer errors, TimeProvider clock) : PageModel
{
    /// <summary>Most enterprises a search lists.</summary>
    public const int MaxMatches = 20;

    /// <summary>What was searched for (name or tax code).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The enterprise.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? EnterpriseId { get; set; }

    /// <summary>The platform.</summary>
    [BindProperty]
    public Guid? PlatformId { get; set; }

    /// <summary>The assigned officer (none when empty).</summary>
    [BindProperty]
    public Guid? AssignedOfficerId { get; set; }

    /// <summary>First day (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? StartDate { get; set; }

    /// <summary>Last day (yyyy-MM-dd); empty for the platform's default length.</summary>
    [BindProperty]
    public string? EndDate { get; set; }

    /// <summary>Enterprises matching <see cref="Q"/> (and the chosen one).</summary>
    public IReadOnlyList<EnterpriseDto> Matches { get; private set; } = [];

    /// <summary>Active platforms.</summary>
    public IReadOnlyList<PlatformDto> Platforms { get; private set; } = [];

    /// <summary>Officers who may manage trials.</summary>
    public IReadOnlyList<DirectoryUserDto> Officers { get; private set; } = [];

    /// <summary>The refusal's message (not tied to one field).</summary>
    public string? Problem { get; private set; }

    /// <summary>Field errors by field name (camelCase, as the API names them).</summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Shows the form (and the search's matches).</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        StartDate ??= PageErrors.Iso(VietnamTime.Today(clock));
        await LoadAsync(cancellationToken);
    }

    /// <summary>Plans the trial; redirects to it, or shows the errors field by field.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var fieldErrors = new Dictionary<string, string[]>();
        var start = PageErrors.Date(StartDate);
        var end = PageErrors.Date(EndDate);

        try
        {
            var created = await trials.CreateAsync(new CreateTrialDto
            {
                EnterpriseId = EnterpriseId,
                PlatformId = PlatformId,
                AssignedOfficerId = AssignedOfficerId,
                StartDate = start,
                EndDate = end,
            }, cancellationToken);
            return RedirectToPage("/Trials/Details", new { id = created.Id });
        }
        catch (BusinessException ex) when (ex is not EntityNotFoundException)
        {
            Problem = errors.Localize(ex);
            foreach (var (field, messages) in ex.Errors)
            {
                fieldErrors[field] = messages;
            }
        }

        FieldErrors = fieldErrors;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>The errors of one field (camelCase name), or none.</summary>
    public IReadOnlyList<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var m) ? m : [];

    private async Task LoadAsync(CancellationToken ct)
    {
        Platforms = await platforms.GetListAsync(false, ct);
        Officers = await users.ListWithPermissionAsync(TrialsPermissions.Manage, ct);
        var matches = new List<EnterpriseDto>();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            matches.AddRange((await registry.GetListAsync(new EnterpriseListFilterDto { Q = Q.Trim(), PageSize = MaxMatches }, ct)).Items);
        }

        if (EnterpriseId is { } chosen && matches.All(e => e.Id != chosen))
        {
            try
            {
                matches.Insert(0, await registry.GetAsync(chosen, ct));
            }
            catch (EntityNotFoundException)
            {
                // An unknown id stays selected in the post; the service says so as a field error.
            }
        }

        Matches = matches;
    }
}
