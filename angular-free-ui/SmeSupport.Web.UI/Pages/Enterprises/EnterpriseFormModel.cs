using System.ComponentModel.DataAnnotations;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Web.UI.Pages.Enterprises;

/// <summary>
/// The create/edit form. Field rules live in <see cref="IEnterpriseAppService"/>; this model only
/// carries the text the person typed. Money fields are text so that "1.500.000" reads the same in
/// every UI language (see <see cref="Formatting.UiFormat.ParseVnd"/>).
/// </summary>
public sealed class EnterpriseFormModel
{
    /// <summary>Tax code as typed.</summary>
    [Display(Name = "Field.TaxCode")]
    public string? TaxCode { get; set; }

    /// <summary>Registered name.</summary>
    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    /// <summary>Short or trading name.</summary>
    [Display(Name = "Field.ShortName")]
    public string? ShortName { get; set; }

    /// <summary>Legal form.</summary>
    [Display(Name = "Field.LegalForm")]
    public LegalForm? LegalForm { get; set; }

    /// <summary>VSIC 2018 code or section letter.</summary>
    [Display(Name = "Field.IndustryCode")]
    public string? IndustryCode { get; set; }

    /// <summary>Average insured employees.</summary>
    [Display(Name = "Field.Employees")]
    public int? Employees { get; set; }

    /// <summary>Annual revenue in VND, as typed.</summary>
    [Display(Name = "Field.AnnualRevenueVnd")]
    public string? AnnualRevenueVnd { get; set; }

    /// <summary>Capital in VND, as typed.</summary>
    [Display(Name = "Field.CapitalVnd")]
    public string? CapitalVnd { get; set; }

    /// <summary>Province code (default 25, Phú Thọ).</summary>
    [Display(Name = "Field.Province")]
    public int? ProvinceCode { get; set; } = EnterpriseFormPageModel.DefaultProvinceCode;

    /// <summary>Commune/ward code.</summary>
    [Display(Name = "Field.Ward")]
    public int? WardCode { get; set; }

    /// <summary>Street address.</summary>
    [Display(Name = "Field.Street")]
    public string? Street { get; set; }

    /// <summary>Website URL.</summary>
    [Display(Name = "Field.Website")]
    public string? Website { get; set; }

    /// <summary>Programme status.</summary>
    [Display(Name = "Field.ProgrammeStatus")]
    public ProgrammeStatus? ProgrammeStatus { get; set; }

    /// <summary>Concurrency stamp read before editing (edit only).</summary>
    public string? ConcurrencyStamp { get; set; }

    /// <summary>The form of an existing enterprise.</summary>
    public static EnterpriseFormModel From(EnterpriseDto e) => new()
    {
        TaxCode = e.TaxCode,
        Name = e.Name,
        ShortName = e.ShortName,
        LegalForm = e.LegalForm,
        IndustryCode = e.IndustryCode,
        Employees = e.Employees,
        AnnualRevenueVnd = Formatting.UiFormat.VndDigits(e.AnnualRevenueVnd),
        CapitalVnd = Formatting.UiFormat.VndDigits(e.CapitalVnd),
        ProvinceCode = e.ProvinceCode,
        WardCode = e.WardCode,
        Street = e.Street,
        Website = e.Website,
        ProgrammeStatus = e.ProgrammeStatus,
        ConcurrencyStamp = e.ConcurrencyStamp,
    };
}
