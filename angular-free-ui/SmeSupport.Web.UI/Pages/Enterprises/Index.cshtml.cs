using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// The enterprise list at <c>/Enterprises?q=…&amp;ward=…&amp;form=…&amp;size=…&amp;section=…&amp;cohort=…&amp;status=…&amp;p=…</c>:
/// a diacritic-insensitive search box, the same filters as <c>GET /api/enterprises</c> (commune/ward, legal form, size class,
/// VSIC section, cohort, programme status), Vietnamese alphabetical order and paging. The filters live in the query string,
/// so a filtered list can be bookmarked and shared. Requests from htmx (<c>HX-Request: true</c>, not a history restore) get
/// only the table partial; everything else gets the full page, so the GET form works without JavaScript.
/// </summary>
[Authorize(Policy = EnterprisesPermissions.Default)]
public sealed class IndexModel(IEnterpriseAppService enterprises, IAdministrativeUnitAppService units, IAuthorizationService authorization) : PageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 20;

    /// <summary>Province whose communes/wards the commune filter offers (Phú Thọ).</summary>
    public const int ProvinceCode = 25;

    /// <summary>Search text (name, short name, contact name or tax-code prefix).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>Commune/ward code filter (query <c>ward</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "ward")]
    public int? Ward { get; set; }

    /// <summary>Legal form filter (query <c>form</c>, enum name).</summary>
    [BindProperty(SupportsGet = true, Name = "form")]
    public LegalForm? Form { get; set; }

    /// <summary>Size class filter (query <c>size</c>, enum name).</summary>
    [BindProperty(SupportsGet = true, Name = "size")]
    public EnterpriseSize? Size { get; set; }

    /// <summary>VSIC section letter A–U (query <c>section</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "section")]
    public string? Section { get; set; }

    /// <summary>Cohort name, diacritic- and case-insensitive whole name (query <c>cohort</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "cohort")]
    public string? Cohort { get; set; }

    /// <summary>Programme status filter (query <c>status</c>, enum name).</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public ProgrammeStatus? Status { get; set; }

    /// <summary>1-based page number (query <c>p</c>; <c>page</c> is taken by Razor Pages' route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of results.</summary>
    public PagedResultDto<EnterpriseDto> Result { get; private set; } = new([], 0);

    /// <summary>Communes/wards of <see cref="ProvinceCode"/>, in Vietnamese order, for the commune filter.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>Number of pages (at least 1).</summary>
    public int PageCount => Math.Max(1, (Result.TotalCount + PageSize - 1) / PageSize);

    /// <summary>True when any filter besides the search text is set.</summary>
    public bool HasFilters => Ward is not null || Form is not null || Size is not null || Section is not null || Cohort is not null || Status is not null;

    /// <summary>True when the user may create enterprises.</summary>
    public bool CanCreate { get; private set; }

    /// <summary>True when the user may see and restore deleted enterprises.</summary>
    public bool CanDelete { get; private set; }

    /// <summary>True when the user may review self-registrations (link to the queue).</summary>
    public bool CanReviewRegistrations { get; private set; }

    /// <summary>Query-string values of the current search and filters on page <paramref name="page"/> (unset ones left out).</summary>
    public Dictionary<string, string> RouteFor(int page)
    {
        var values = new Dictionary<string, string>();
        void Add(string key, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                values[key] = text;
            }
        }

        Add("q", Q);
        Add("ward", Ward?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("form", Form);
        Add("size", Size);
        Add("section", Section);
        Add("cohort", Cohort);
        Add("status", Status);
        if (page > 1)
        {
            values["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <summary>Loads the page of results; answers the table partial to htmx.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Q = Clean(Q, 100);
        Cohort = Clean(Cohort, 100);
        Section = Clean(Section, 1)?.ToUpperInvariant();
        if (Section is { } s && (s[0] < 'A' || s[0] > 'U'))
        {
            Section = null;
        }

        // Unknown enum numbers in a hand-written URL are dropped, not sent on (the API would answer 400).
        Form = Form is { } f && Enum.IsDefined(f) ? f : null;
        Size = Size is { } z && Enum.IsDefined(z) ? z : null;
        Status = Status is { } st && Enum.IsDefined(st) ? st : null;

        PageNumber = Math.Max(1, PageNumber);
        Result = await enterprises.GetListAsync(Filter(), cancellationToken);
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            Result = await enterprises.GetListAsync(Filter(), cancellationToken);
        }

        CanCreate = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Create)).Succeeded;
        CanDelete = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Delete)).Succeeded;
        CanReviewRegistrations = (await authorization.AuthorizeAsync(User, EnterprisesPermissions.Registrations)).Succeeded;

        Response.Headers.Vary = "HX-Request";
        var isHtmx = Request.Headers["HX-Request"] == "true" && Request.Headers["HX-History-Restore-Request"] != "true";
        if (isHtmx)
        {
            return Partial("_EnterpriseTable", this);
        }

        Wards = await units.GetWardsAsync(ProvinceCode, cancellationToken);
        return Page();
    }

    private EnterpriseListFilterDto Filter() => new()
    {
        Q = Q,
        WardCode = Ward,
        LegalForm = Form,
        Size = Size,
        Section = Section,
        Cohort = Cohort,
        ProgrammeStatus = Status,
        Page = PageNumber,
        PageSize = PageSize,
    };

    private static string? Clean(string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        return text.Length > max ? text[..max] : text;
    }
}
