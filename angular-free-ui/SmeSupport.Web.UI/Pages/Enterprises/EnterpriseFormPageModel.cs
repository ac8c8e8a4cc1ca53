using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// What the create and edit pages share: the option lists (legal forms, statuses, provinces,
/// wards of the chosen province from <see cref="IAdministrativeUnitAppService"/>), reading the
/// money fields, and putting the application service's field errors next to the inputs.
/// </summary>
public abstract class EnterpriseFormPageModel(IAdministrativeUnitAppService units, IStringLocalizer<WebUIResource> localizer) : PageModel
{
    /// <summary>Phú Thọ, the programme's province (code 25 after the 1 July 2025 reform).</summary>
    public const int DefaultProvinceCode = 25;

    /// <summary>Error code of a tax code already in the registry (409).</summary>
    public const string DuplicateTaxCodeCode = "SmeSupport:Enterprises:DuplicateTaxCode";

    private const string Prefix = nameof(Input);

    private static readonly Dictionary<string, string> FieldsByCamelName = typeof(EnterpriseFormModel).GetProperties()
        .ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The form.</summary>
    [BindProperty]
    public EnterpriseFormModel Input { get; set; } = new();

    /// <summary>Localized strings.</summary>
    protected IStringLocalizer<WebUIResource> L => localizer;

    /// <summary>Legal-form options.</summary>
    public IReadOnlyList<SelectListItem> LegalForms { get; private set; } = [];

    /// <summary>Programme-status options.</summary>
    public IReadOnlyList<SelectListItem> ProgrammeStatuses { get; private set; } = [];

    /// <summary>Province options.</summary>
    public IReadOnlyList<SelectListItem> Provinces { get; private set; } = [];

    /// <summary>Ward options of the selected province.</summary>
    public IReadOnlyList<WardDto> Wards { get; private set; } = [];

    /// <summary>htmx: the <c>&lt;option&gt;</c> list of a province's wards, for the ward select.</summary>
    public async Task<IActionResult> OnGetWardsAsync([FromQuery(Name = "Input.ProvinceCode")] int? provinceCode, CancellationToken cancellationToken)
    {
        var wards = await units.GetWardsAsync(provinceCode ?? DefaultProvinceCode, cancellationToken);
        return Partial("/Pages/Enterprises/_WardOptions.cshtml", new WardOptionsModel(wards, null));
    }

    /// <summary>
    /// True on the enterprise portal's own form: the tax code is shown read-only and the programme status is left out
    /// (an enterprise changes neither; the application service keeps both as stored).
    /// </summary>
    public virtual bool IsPortal => false;

    /// <summary>Fills the option lists for the current input.</summary>
    protected async Task LoadOptionsAsync(CancellationToken cancellationToken)
    {
        LegalForms = Enum.GetValues<LegalForm>()
            .Select(v => new SelectListItem(L[$"LegalForm.{v}"], v.ToString()))
            .ToList();
        ProgrammeStatuses = Enum.GetValues<ProgrammeStatus>()
            .Select(v => new SelectListItem(L[$"ProgrammeStatus.{v}"], v.ToString()))
            .ToList();
        var provinces = await units.GetProvincesAsync(cancellationToken);
        Provinces = provinces.Select(p => new SelectListItem(p.Name, p.Code.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Wards = await units.GetWardsAsync(Input.ProvinceCode ?? DefaultProvinceCode, cancellationToken);
    }

    /// <summary>Reads a money field into <paramref name="amount"/>; adds a field error when it is not an amount.</summary>
    protected bool TryReadVnd(string? text, string field, out decimal amount)
    {
        amount = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (Formatting.UiFormat.ParseVnd(text) is { } value)
        {
            amount = value;
            return true;
        }

        ModelState.AddModelError($"{Prefix}.{field}", L["Validation.Money"]);
        return false;
    }

    /// <summary>
    /// Puts an application-service failure on the form: field errors (camelCase keys such as
    /// <c>taxCode</c>, <c>wardCode</c>) next to the matching inputs, a duplicate tax code (409) on
    /// the tax-code field, a concurrency clash and anything else at the top of the form.
    /// </summary>
    protected void AddErrors(BusinessException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.Errors.Count > 0)
        {
            foreach (var (key, messages) in exception.Errors)
            {
                var modelKey = ModelKey(key);
                foreach (var message in messages)
                {
                    ModelState.AddModelError(modelKey, modelKey.Length == 0 ? $"{key}: {message}" : message);
                }
            }

            return;
        }

        if (exception.Code == DuplicateTaxCodeCode)
        {
            ModelState.AddModelError($"{Prefix}.{nameof(EnterpriseFormModel.TaxCode)}", L["Enterprises.DuplicateTaxCode"]);
        }
        else if (exception.Code == ErrorCodes.ConcurrencyConflict)
        {
            ModelState.AddModelError(string.Empty, L["Enterprises.ConcurrencyConflict"]);
        }
        else
        {
            ModelState.AddModelError(string.Empty, exception.Message);
        }
    }

    /// <summary>Puts a concurrency clash that escaped the application service at the top of the form.</summary>
    protected void AddConcurrencyError(DbUpdateConcurrencyException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ModelState.AddModelError(string.Empty, L["Enterprises.ConcurrencyConflict"]);
    }

    /// <summary>The input DTO fields shared by create and update, or null when a money field is not an amount.</summary>
    protected CreateEnterpriseDto? ToCreateDto()
    {
        var revenueOk = TryReadVnd(Input.AnnualRevenueVnd, nameof(EnterpriseFormModel.AnnualRevenueVnd), out var revenue);
        var capitalOk = TryReadVnd(Input.CapitalVnd, nameof(EnterpriseFormModel.CapitalVnd), out var capital);
        if (!revenueOk || !capitalOk)
        {
            return null;
        }

        return new CreateEnterpriseDto
        {
            TaxCode = Input.TaxCode,
            Name = Input.Name,
            ShortName = Input.ShortName,
            LegalForm = Input.LegalForm,
            IndustryCode = Input.IndustryCode,
            Employees = Input.Employees ?? 0,
            AnnualRevenueVnd = revenue,
            CapitalVnd = capital,
            ProvinceCode = Input.ProvinceCode ?? DefaultProvinceCode,
            WardCode = Input.WardCode,
            Street = Input.Street,
            Website = Input.Website,
            ProgrammeStatus = Input.ProgrammeStatus,
        };
    }

    private static string ModelKey(string errorKey)
    {
        var first = errorKey.Split('.', '[')[0];
        return FieldsByCamelName.TryGetValue(first, out var property) ? $"{Prefix}.{property}" : string.Empty;
    }
}

/// <summary>Model of the ward options partial.</summary>
/// <param name="Wards">Wards to list.</param>
/// <param name="Selected">The selected ward code, if any.</param>
public sealed record WardOptionsModel(IReadOnlyList<WardDto> Wards, int? Selected);
