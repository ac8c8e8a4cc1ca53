using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Cases.Contracts;
using SmeSupport.Errors;
using SmeSupport.Web.UI.Formatting;

namespace SmeSupport.Web.UI.Pages.Cases;

/// <summary>Case figures at <c>/Cases/Figures</c>: a period and a grouping; a table with CSS bars for the compliance shares.</summary>
[Authorize(Policy = CasesPermissions.Default)]
public sealed class FiguresModel(ICaseFiguresAppService figures) : PageModel
{
    /// <summary>First day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    /// <summary>Grouping.</summary>
    [BindProperty(SupportsGet = true)]
    public CaseFiguresGroupBy GroupBy { get; set; }

    /// <summary>The figures, or null when the period was refused.</summary>
    public CaseFiguresDto? Figures { get; private set; }

    /// <summary>Why the period was refused, or null.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Computes the figures.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Figures = await figures.GetAsync(new CaseFiguresQueryDto { From = From, To = To, GroupBy = GroupBy }, cancellationToken);
            From = Figures.From;
            To = Figures.To;
        }
        catch (BusinessException e)
        {
            ErrorMessage = CaseUi.Error(e);
        }
    }
}
