using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Enterprises.Domain;

/// <summary>
/// A self-registration from the public page: the enterprise, one contact and the consents, waiting for the contact
/// to confirm the e-mail address and then for staff to approve or reject it. Never deleted: it is the record of how
/// the enterprise came in.
/// </summary>
internal sealed class EnterpriseRegistration : AuditedEntity
{
    public RegistrationStatus Status { get; set; }

    public string TaxCode { get; set; } = "";

    public string Name { get; set; } = "";

    public string NameFolded { get; set; } = "";

    public string? ShortName { get; set; }

    public LegalForm LegalForm { get; set; }

    public string? IndustryCode { get; set; }

    public int Employees { get; set; }

    public decimal AnnualRevenueVnd { get; set; }

    public decimal CapitalVnd { get; set; }

    public int ProvinceCode { get; set; }

    public int WardCode { get; set; }

    public string? Street { get; set; }

    public string? Website { get; set; }

    public string ContactFullName { get; set; } = "";

    public string? ContactPosition { get; set; }

    public string ContactEmail { get; set; } = "";

    public string? ContactMobile { get; set; }

    public bool ServiceConsent { get; set; }

    public bool AdvertisingConsent { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Until when the confirmation link works.</summary>
    public DateTimeOffset ConfirmationExpiresAt { get; set; }

    /// <summary>Random value carried in the signed link; the link is good for this registration only.</summary>
    public Guid ConfirmationNonce { get; set; }

    public DateTimeOffset? EmailConfirmedAt { get; set; }

    /// <summary>JSON list of enterprises with a similar name in the same commune (flag for staff), or null.</summary>
    public string? PossibleDuplicates { get; set; }

    public DateTimeOffset? ReviewedAt { get; set; }

    public Guid? ReviewedBy { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>The enterprise created on approval.</summary>
    public Guid? EnterpriseId { get; set; }
}
