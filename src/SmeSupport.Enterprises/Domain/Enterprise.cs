using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Domain;

/// <summary>An enterprise in the provincial register: the thing every other module hangs on.</summary>
internal sealed class Enterprise : FullAuditedEntity
{
    public const int NameMaxLength = 255;
    public const int ShortNameMaxLength = 100;
    public const int StreetMaxLength = 255;
    public const int WebsiteMaxLength = 255;
    public const int IndustryCodeMaxLength = 6;
    public const int AddressAsWrittenMaxLength = 400;

    /// <summary>Canonical tax code (see <see cref="TaxCode"/>).</summary>
    public string TaxCode { get; set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Folded (lower-case, no diacritics) name + short name + tax code, for search.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>Vietnamese-alphabetical sort key of the name.</summary>
    public string NameSortKey { get; private set; } = "";

    public string? ShortName { get; private set; }

    public LegalForm LegalForm { get; set; }

    public string? IndustryCode { get; set; }

    public string? IndustrySection { get; set; }

    public int Employees { get; private set; }

    public decimal AnnualRevenueVnd { get; private set; }

    public decimal CapitalVnd { get; private set; }

    /// <summary>Derived from sector, employees, revenue and capital; stored for filtering.</summary>
    public EnterpriseSize Size { get; private set; }

    public int ProvinceCode { get; set; }

    public int WardCode { get; set; }

    public string? Street { get; set; }

    /// <summary>For an address given in pre-1 July 2025 units: the old commune's code (conversion table), else null.</summary>
    public int? OldWardCode { get; set; }

    /// <summary>The address exactly as it was written (old units included), kept beside the converted one.</summary>
    public string? AddressAsWritten { get; set; }

    public string? Website { get; set; }

    public ProgrammeStatus ProgrammeStatus { get; set; }

    public List<Contact> Contacts { get; } = [];

    public List<CohortMembership> Cohorts { get; } = [];

    public List<MaturityAssessment> Assessments { get; } = [];

    /// <summary>Sets the names, keeping the search and sort keys in step.</summary>
    public void SetNames(string name, string? shortName)
    {
        Name = VietnameseText.Normalize(name);
        ShortName = string.IsNullOrWhiteSpace(shortName) ? null : VietnameseText.Normalize(shortName);
        RefreshKeys();
    }

    /// <summary>Sets the figures and derives the size class (Decree 80/2021/NĐ-CP, Art. 5).</summary>
    public void SetFigures(int employees, decimal revenueVnd, decimal capitalVnd)
    {
        Employees = employees;
        AnnualRevenueVnd = revenueVnd;
        CapitalVnd = capitalVnd;
        var group = EnterpriseSizeClassifier.SectorOf(IndustrySection ?? IndustryCode) ?? SectorGroup.TradeServices;
        Size = EnterpriseSizeClassifier.Classify(group, employees, revenueVnd, capitalVnd);
    }

    /// <summary>Recomputes search keys after the tax code or names change.</summary>
    public void RefreshKeys()
    {
        SearchText = VietnameseText.Fold($"{Name} | {ShortName} | {TaxCode}");
        NameSortKey = VietnameseText.SortKey(Name);
    }
}

/// <summary>A contact person of an enterprise.</summary>
internal sealed class Contact : FullAuditedEntity
{
    public const int FullNameMaxLength = 150;
    public const int EmailMaxLength = 254;

    public Guid EnterpriseId { get; set; }

    public string FullName { get; set; } = "";

    public string FullNameFolded { get; set; } = "";

    public string? Position { get; set; }

    public string? Email { get; set; }

    /// <summary>Mobile in E.164 (+84…).</summary>
    public string? Mobile { get; set; }

    /// <summary>Language the contact reads e-mail in: <see cref="Contracts.ContactLanguages"/> (<c>vi</c> or <c>en</c>).</summary>
    public string PreferredLanguage { get; set; } = Contracts.ContactLanguages.Vietnamese;

    public List<ContactConsent> Consents { get; } = [];

    /// <summary>True while consent for the purpose is granted and not withdrawn.</summary>
    public bool HasConsent(ConsentPurpose purpose) => Consents.Any(c => c.Purpose == purpose && c.WithdrawnAt is null);
}

/// <summary>
/// One grant of consent, kept forever: withdrawal sets <see cref="WithdrawnAt"/>, it never deletes
/// (Law 91/2025/QH15 on personal data protection: what, when, how, withdrawn when).
/// </summary>
internal sealed class ContactConsent : Entity
{
    public Guid ContactId { get; set; }

    public ConsentPurpose Purpose { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    /// <summary>How it was given: portal form, paper form, phone, import, seed.</summary>
    public string GrantedVia { get; set; } = "";

    public DateTimeOffset? WithdrawnAt { get; set; }

    public string? WithdrawnVia { get; set; }
}

/// <summary>
/// Membership of a pilot cohort (e.g. "Đợt 1 - 2025"), from the day it joined. Audited and soft-deleted: leaving a cohort marks the
/// membership deleted, so the audit trail (joined and left, by whom, when) stays tied to the enterprise and shows on its timeline.
/// </summary>
internal sealed class CohortMembership : FullAuditedEntity
{
    public const int NameMaxLength = 100;

    public Guid EnterpriseId { get; set; }

    public string CohortName { get; set; } = "";

    /// <summary>Folded cohort name for diacritic-insensitive filtering.</summary>
    public string CohortNameFolded { get; set; } = "";

    public DateOnly JoinedOn { get; set; }
}

/// <summary>
/// A digital-maturity assessment on the Digital Business Index (DBI; Decision 1970/QĐ-BTTTT of 2021,
/// revised by 2158/QĐ-BTTTT of 2023): six pillars scored 0–5 and an overall level 0–5, on a date, by an assessor.
/// Assessments are kept over time; a new one never replaces an old one.
/// </summary>
internal sealed class MaturityAssessment : AuditedEntity
{
    public Guid EnterpriseId { get; set; }

    public DateOnly AssessedOn { get; set; }

    public string Assessor { get; set; } = "";

    public int CustomerExperience { get; set; }

    public int Strategy { get; set; }

    public int InfrastructureAndTechnology { get; set; }

    public int Operations { get; set; }

    public int OrganisationalCulture { get; set; }

    public int DataAndInformationAssets { get; set; }

    public int OverallLevel { get; set; }

    public string? Notes { get; set; }
}
