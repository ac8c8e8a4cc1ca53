namespace SmeSupport.Enterprises.Contracts;

/// <summary>How a consent was given or withdrawn (kept with the consent, Law 91/2025/QH15).</summary>
public static class ConsentChannels
{
    /// <summary>The portal's self-registration form.</summary>
    public const string Registration = "Registration";

    /// <summary>A form on the portal (staff or enterprise user).</summary>
    public const string PortalForm = "PortalForm";

    /// <summary>A signed paper form.</summary>
    public const string PaperForm = "PaperForm";

    /// <summary>By telephone, noted by staff.</summary>
    public const string Phone = "Phone";

    /// <summary>By e-mail (including an unsubscribe link).</summary>
    public const string Email = "Email";

    /// <summary>A file import.</summary>
    public const string Import = "Import";

    /// <summary>All accepted channels.</summary>
    public static IReadOnlyList<string> All { get; } = [Registration, PortalForm, PaperForm, Phone, Email, Import];
}

/// <summary>One grant of consent with its withdrawal, if any. History is never deleted.</summary>
/// <param name="Id">Consent record id.</param>
/// <param name="Purpose">Purpose.</param>
/// <param name="GrantedAt">When it was granted (UTC).</param>
/// <param name="GrantedVia">How (see <see cref="ConsentChannels"/>).</param>
/// <param name="WithdrawnAt">When it was withdrawn (UTC), or null while in force.</param>
/// <param name="WithdrawnVia">How it was withdrawn.</param>
public sealed record ConsentDto(Guid Id, ConsentPurpose Purpose, DateTimeOffset GrantedAt, string GrantedVia,
    DateTimeOffset? WithdrawnAt, string? WithdrawnVia);

/// <summary>A contact person of an enterprise.</summary>
public sealed record ContactDto
{
    /// <summary>Contact id.</summary>
    public Guid Id { get; init; }

    /// <summary>The enterprise.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Full name.</summary>
    public string FullName { get; init; } = "";

    /// <summary>Position, e.g. "Giám đốc".</summary>
    public string? Position { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Mobile in E.164, <c>+84</c> and 9 digits.</summary>
    public string? Mobile { get; init; }

    /// <summary>Language the contact reads e-mail in: <c>vi</c> (default) or <c>en</c> (<see cref="ContactLanguages"/>).</summary>
    public string PreferredLanguage { get; init; } = ContactLanguages.Vietnamese;

    /// <summary>True while consent to service messages is in force.</summary>
    public bool ServiceConsent { get; init; }

    /// <summary>True while consent to programme/advertising messages is in force.</summary>
    public bool AdvertisingConsent { get; init; }

    /// <summary>Every grant and withdrawal, oldest first.</summary>
    public IReadOnlyList<ConsentDto> Consents { get; init; } = [];

    /// <summary>Optimistic concurrency stamp; send it back on update.</summary>
    public string ConcurrencyStamp { get; init; } = "";
}

/// <summary>Input to create or update a contact.</summary>
public record CreateContactDto
{
    /// <summary>Full name, 1–150 characters. Required.</summary>
    public string? FullName { get; init; }

    /// <summary>Position, up to 100 characters.</summary>
    public string? Position { get; init; }

    /// <summary>E-mail address, up to 254 characters.</summary>
    public string? Email { get; init; }

    /// <summary>Vietnamese mobile number in any usual form (0912 345 678, +84 912…); stored as +84….</summary>
    public string? Mobile { get; init; }

    /// <summary>
    /// Language the contact reads e-mail in: <c>vi</c> or <c>en</c> (case-insensitive; see <see cref="ContactLanguages"/>).
    /// Null: <c>vi</c> on create, unchanged on update. Another value answers 400 (field <c>preferredLanguage</c>).
    /// </summary>
    public string? PreferredLanguage { get; init; }
}

/// <summary>Input to update a contact.</summary>
public sealed record UpdateContactDto : CreateContactDto
{
    /// <summary>The stamp last read; a stale stamp answers 409.</summary>
    public string? ConcurrencyStamp { get; init; }
}

/// <summary>Grants consent for a purpose.</summary>
/// <param name="Purpose">Purpose. Required.</param>
/// <param name="Via">How it was given (<see cref="ConsentChannels"/>). Required.</param>
/// <param name="GrantedAt">When it was given (UTC, not in the future); defaults to now (e.g. a paper form signed earlier).</param>
public sealed record GrantConsentDto(ConsentPurpose? Purpose, string? Via, DateTimeOffset? GrantedAt = null);

/// <summary>Withdraws consent for a purpose: the grant is kept with its withdrawal time.</summary>
/// <param name="Via">How it was withdrawn (<see cref="ConsentChannels"/>). Required.</param>
public sealed record WithdrawConsentDto(string? Via);

/// <summary>Membership of a pilot cohort.</summary>
/// <param name="Id">Membership id.</param>
/// <param name="Name">Cohort name, e.g. "Đợt 1 - 2025".</param>
/// <param name="JoinedOn">Day it joined (Asia/Ho_Chi_Minh calendar date).</param>
public sealed record CohortMembershipDto(Guid Id, string Name, DateOnly JoinedOn);

/// <summary>Adds the enterprise to a pilot cohort.</summary>
/// <param name="Name">Cohort name, 1–100 characters. Required.</param>
/// <param name="JoinedOn">Day it joined. Required.</param>
public sealed record AddCohortMembershipDto(string? Name, DateOnly? JoinedOn);

/// <summary>
/// A digital-maturity assessment on the six DBI pillars (Decision 1970/QĐ-BTTTT of 2021, revised by 2158/QĐ-BTTTT
/// of 2023). Levels: 0 not started, 1 starting, 2 beginning, 3 forming, 4 advanced, 5 leading.
/// </summary>
public sealed record MaturityAssessmentDto
{
    /// <summary>Assessment id.</summary>
    public Guid Id { get; init; }

    /// <summary>The enterprise.</summary>
    public Guid EnterpriseId { get; init; }

    /// <summary>Date of the assessment.</summary>
    public DateOnly AssessedOn { get; init; }

    /// <summary>Who assessed (name or organisation).</summary>
    public string Assessor { get; init; } = "";

    /// <summary>Customer experience, 0–5.</summary>
    public int CustomerExperience { get; init; }

    /// <summary>Strategy, 0–5.</summary>
    public int Strategy { get; init; }

    /// <summary>Digital infrastructure and technology, 0–5.</summary>
    public int InfrastructureAndTechnology { get; init; }

    /// <summary>Operations, 0–5.</summary>
    public int Operations { get; init; }

    /// <summary>Organisational culture, 0–5.</summary>
    public int OrganisationalCulture { get; init; }

    /// <summary>Data and information assets, 0–5.</summary>
    public int DataAndInformationAssets { get; init; }

    /// <summary>Overall level, 0–5.</summary>
    public int OverallLevel { get; init; }

    /// <summary>Free notes.</summary>
    public string? Notes { get; init; }
}

/// <summary>Input for a new assessment. Pillars 0–5 are required.</summary>
public sealed record CreateMaturityAssessmentDto
{
    /// <summary>Date of the assessment, not in the future. Required.</summary>
    public DateOnly? AssessedOn { get; init; }

    /// <summary>Assessor, 1–150 characters. Required.</summary>
    public string? Assessor { get; init; }

    /// <summary>Customer experience, 0–5.</summary>
    public int? CustomerExperience { get; init; }

    /// <summary>Strategy, 0–5.</summary>
    public int? Strategy { get; init; }

    /// <summary>Digital infrastructure and technology, 0–5.</summary>
    public int? InfrastructureAndTechnology { get; init; }

    /// <summary>Operations, 0–5.</summary>
    public int? Operations { get; init; }

    /// <summary>Organisational culture, 0–5.</summary>
    public int? OrganisationalCulture { get; init; }

    /// <summary>Data and information assets, 0–5.</summary>
    public int? DataAndInformationAssets { get; init; }

    /// <summary>Overall level 0–5 as the assessor judged it; when absent, the mean of the six pillars rounded down.</summary>
    public int? OverallLevel { get; init; }

    /// <summary>Notes, up to 2,000 characters.</summary>
    public string? Notes { get; init; }
}

/// <summary>One row of the official old→new conversion table.</summary>
/// <param name="OldWardCode">Old commune code.</param>
/// <param name="OldWardName">Old commune name.</param>
/// <param name="OldDistrictName">Old district name.</param>
/// <param name="OldProvinceName">Old province name.</param>
/// <param name="NewWardCode">Current commune/ward code.</param>
/// <param name="NewWardName">Current commune/ward name.</param>
/// <param name="Note">Official remark ("Nhập toàn bộ", "Nhập một phần"…).</param>
public sealed record WardConversionDto(int OldWardCode, string OldWardName, string OldDistrictName, string OldProvinceName,
    int NewWardCode, string? NewWardName, string? Note);

/// <summary>A current unit an old commune went to (one of the choices when it split).</summary>
/// <param name="Code">Current commune/ward code.</param>
/// <param name="Name">Its name.</param>
public sealed record WardCandidateDto(int Code, string Name);

/// <summary>Contacts, consents, cohorts and assessments of one enterprise. Visibility as <see cref="IEnterpriseAppService"/>: another enterprise's data is 404.</summary>
public interface IEnterpriseProfileAppService
{
    /// <summary>Contacts of the enterprise (not deleted), by name.</summary>
    Task<IReadOnlyList<ContactDto>> GetContactsAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>One contact. 404 when unknown or of another enterprise.</summary>
    Task<ContactDto> GetContactAsync(Guid enterpriseId, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>Adds a contact. 400 field errors.</summary>
    Task<ContactDto> CreateContactAsync(Guid enterpriseId, CreateContactDto input, CancellationToken cancellationToken = default);

    /// <summary>Updates a contact. 400 field errors; 409 stale stamp.</summary>
    Task<ContactDto> UpdateContactAsync(Guid enterpriseId, Guid contactId, UpdateContactDto input, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes a contact (its consent history stays).</summary>
    Task DeleteContactAsync(Guid enterpriseId, Guid contactId, CancellationToken cancellationToken = default);

    /// <summary>Grants consent. 409 <c>ConsentAlreadyGranted</c> while one is in force.</summary>
    Task<ContactDto> GrantConsentAsync(Guid enterpriseId, Guid contactId, GrantConsentDto input, CancellationToken cancellationToken = default);

    /// <summary>Withdraws consent (the grant is kept, with its withdrawal). 409 <c>ConsentNotGranted</c> when none is in force.</summary>
    Task<ContactDto> WithdrawConsentAsync(Guid enterpriseId, Guid contactId, ConsentPurpose purpose, WithdrawConsentDto input, CancellationToken cancellationToken = default);

    /// <summary>Adds the enterprise to a cohort (staff). 409 <c>AlreadyInCohort</c>.</summary>
    Task<CohortMembershipDto> AddCohortAsync(Guid enterpriseId, AddCohortMembershipDto input, CancellationToken cancellationToken = default);

    /// <summary>Removes a cohort membership (staff).</summary>
    Task RemoveCohortAsync(Guid enterpriseId, Guid membershipId, CancellationToken cancellationToken = default);

    /// <summary>Assessments, newest first.</summary>
    Task<IReadOnlyList<MaturityAssessmentDto>> GetAssessmentsAsync(Guid enterpriseId, CancellationToken cancellationToken = default);

    /// <summary>Records an assessment (staff). 400 field errors.</summary>
    Task<MaturityAssessmentDto> CreateAssessmentAsync(Guid enterpriseId, CreateMaturityAssessmentDto input, CancellationToken cancellationToken = default);

    /// <summary>Rows of the conversion table for an old commune code (empty when unknown).</summary>
    Task<IReadOnlyList<WardConversionDto>> GetConversionsAsync(int oldWardCode, CancellationToken cancellationToken = default);
}
