using SmeSupport.Application;

namespace SmeSupport.Enterprises.Contracts;

/// <summary>Legal form of an enterprise (Law on Enterprises 59/2020/QH14; cooperatives and household businesses are outside that law but in scope).</summary>
public enum LegalForm
{
    /// <summary>Công ty TNHH một thành viên.</summary>
    SingleMemberLlc = 1,

    /// <summary>Công ty TNHH hai thành viên trở lên.</summary>
    MultiMemberLlc = 2,

    /// <summary>Công ty cổ phần.</summary>
    JointStockCompany = 3,

    /// <summary>Công ty hợp danh.</summary>
    Partnership = 4,

    /// <summary>Doanh nghiệp tư nhân.</summary>
    PrivateEnterprise = 5,

    /// <summary>Hợp tác xã (Law on Cooperatives 17/2023/QH15).</summary>
    Cooperative = 6,

    /// <summary>Hộ kinh doanh (Decree 01/2021/NĐ-CP); tax code is the owner's 12-digit personal number since 1 July 2025.</summary>
    HouseholdBusiness = 7,
}

/// <summary>Where the enterprise stands in the provincial support programme.</summary>
public enum ProgrammeStatus
{
    /// <summary>Known to the office, not (yet) in the pilot.</summary>
    Prospect = 0,

    /// <summary>One of the pilot enterprises.</summary>
    Pilot = 1,

    /// <summary>Completed the pilot.</summary>
    Graduated = 2,

    /// <summary>Left the programme.</summary>
    Withdrawn = 3,
}

/// <summary>An enterprise as the API returns it.</summary>
public sealed record EnterpriseDto
{
    /// <summary>Identifier.</summary>
    public Guid Id { get; init; }

    /// <summary>Canonical tax code: 10 digits, <c>NNNNNNNNNN-NNN</c> for a branch, or 12 digits for a household business.</summary>
    public string TaxCode { get; init; } = "";

    /// <summary>Registered name (Vietnamese, NFC).</summary>
    public string Name { get; init; } = "";

    /// <summary>Short or trading name.</summary>
    public string? ShortName { get; init; }

    /// <summary>Legal form.</summary>
    public LegalForm LegalForm { get; init; }

    /// <summary>Main VSIC 2018 industry code (section letter and/or 2–5 digit code, e.g. <c>G4711</c> or <c>4711</c>).</summary>
    public string? IndustryCode { get; init; }

    /// <summary>VSIC 2018 section letter A–U derived from <see cref="IndustryCode"/>.</summary>
    public string? IndustrySection { get; init; }

    /// <summary>Average insured employees per year.</summary>
    public int Employees { get; init; }

    /// <summary>Annual revenue, VND.</summary>
    public decimal AnnualRevenueVnd { get; init; }

    /// <summary>Total capital, VND.</summary>
    public decimal CapitalVnd { get; init; }

    /// <summary>Size class derived from the figures (Decree 80/2021/NĐ-CP, Art. 5); never typed in.</summary>
    public EnterpriseSize Size { get; init; }

    /// <summary>Province code (2 digits, 2025 list), e.g. 25 for Phú Thọ.</summary>
    public int ProvinceCode { get; init; }

    /// <summary>Current (post-1 July 2025) commune/ward code (5 digits).</summary>
    public int WardCode { get; init; }

    /// <summary>Commune/ward name, e.g. "Phường Việt Trì".</summary>
    public string? WardName { get; init; }

    /// <summary>Street address within the commune/ward.</summary>
    public string? Street { get; init; }

    /// <summary>For an address given in pre-1 July 2025 units: the old commune's code, from which <see cref="WardCode"/> was found.</summary>
    public int? OldWardCode { get; init; }

    /// <summary>The address exactly as written (old units included), kept beside the converted one.</summary>
    public string? AddressAsWritten { get; init; }

    /// <summary>Website URL.</summary>
    public string? Website { get; init; }

    /// <summary>Programme status.</summary>
    public ProgrammeStatus ProgrammeStatus { get; init; }

    /// <summary>Pilot cohorts the enterprise belongs to, in the order it joined them.</summary>
    public IReadOnlyList<CohortMembershipDto> Cohorts { get; init; } = [];

    /// <summary>When the record was created (UTC).</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Optimistic concurrency stamp; send it back on update.</summary>
    public string ConcurrencyStamp { get; init; } = "";
}

/// <summary>Input to create an enterprise. Size is derived, not given.</summary>
public record CreateEnterpriseDto
{
    /// <summary>Tax code; spaces, dots and a missing branch dash are accepted. Required.</summary>
    public string? TaxCode { get; init; }

    /// <summary>Registered name, 1–255 characters. Required.</summary>
    public string? Name { get; init; }

    /// <summary>Short name, up to 100 characters.</summary>
    public string? ShortName { get; init; }

    /// <summary>Legal form. Required.</summary>
    public LegalForm? LegalForm { get; init; }

    /// <summary>VSIC 2018 code or section letter.</summary>
    public string? IndustryCode { get; init; }

    /// <summary>Average insured employees, 0–1,000,000.</summary>
    public int Employees { get; init; }

    /// <summary>Annual revenue, VND, ≥ 0.</summary>
    public decimal AnnualRevenueVnd { get; init; }

    /// <summary>Capital, VND, ≥ 0.</summary>
    public decimal CapitalVnd { get; init; }

    /// <summary>Province code; defaults to Phú Thọ (25).</summary>
    public int? ProvinceCode { get; init; }

    /// <summary>
    /// Current commune/ward code in that province. Required unless <see cref="OldWardCode"/> is given; with it, it must be
    /// one of the current units the old commune went to (how staff choose where an old commune split).
    /// </summary>
    public int? WardCode { get; init; }

    /// <summary>
    /// For an address in pre-1 July 2025 units: the old commune's official code. The current unit is found through the
    /// official conversion table; where the old commune split, the answer is 409 <c>SmeSupport:Enterprises:OldWardSplit</c>
    /// with the <c>candidates</c> to choose from as <see cref="WardCode"/>.
    /// </summary>
    public int? OldWardCode { get; init; }

    /// <summary>The address exactly as written (e.g. "Xóm 3, xã Tân Vinh, huyện Lương Sơn, tỉnh Hòa Bình"), up to 400 characters; kept as is.</summary>
    public string? AddressAsWritten { get; init; }

    /// <summary>Street address, up to 255 characters.</summary>
    public string? Street { get; init; }

    /// <summary>Website (http or https URL), up to 255 characters.</summary>
    public string? Website { get; init; }

    /// <summary>Programme status; defaults to Prospect.</summary>
    public ProgrammeStatus? ProgrammeStatus { get; init; }
}

/// <summary>Input to update an enterprise: the full profile plus the stamp read before editing.</summary>
public sealed record UpdateEnterpriseDto : CreateEnterpriseDto
{
    /// <summary>The <see cref="EnterpriseDto.ConcurrencyStamp"/> last read; a stale stamp answers 409.</summary>
    public string? ConcurrencyStamp { get; init; }
}

/// <summary>List filter: free text over name, short name and tax-code prefix (diacritic- and case-insensitive), and paging.</summary>
public sealed record EnterpriseListFilterDto : PagedRequestDto
{
    /// <summary>Free text: name fragment ("nguyen" finds "Nguyễn") or tax-code prefix.</summary>
    public string? Q { get; init; }

    /// <summary>Current commune/ward code.</summary>
    public int? WardCode { get; init; }

    /// <summary>Legal form.</summary>
    public LegalForm? LegalForm { get; init; }

    /// <summary>Size class.</summary>
    public EnterpriseSize? Size { get; init; }

    /// <summary>VSIC section letter.</summary>
    public string? Section { get; init; }

    /// <summary>Programme status.</summary>
    public ProgrammeStatus? ProgrammeStatus { get; init; }

    /// <summary>Pilot cohort name (diacritic- and case-insensitive, whole name).</summary>
    public string? Cohort { get; init; }
}

/// <summary>Enterprise registry application service (used by the HTTP API and the Razor Pages alike).</summary>
public interface IEnterpriseAppService
{
    /// <summary>A page of enterprises matching the filter, in Vietnamese alphabetical order of name.</summary>
    /// <exception cref="Errors.InputValidationException">Page or page size out of range.</exception>
    Task<PagedResultDto<EnterpriseDto>> GetListAsync(EnterpriseListFilterDto filter, CancellationToken cancellationToken = default);

    /// <summary>One enterprise.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id, deleted, or not visible to the caller.</exception>
    Task<EnterpriseDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Creates an enterprise.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors; nothing is stored.</exception>
    /// <exception cref="Errors.BusinessException"><c>SmeSupport:Enterprises:DuplicateTaxCode</c> (409).</exception>
    Task<EnterpriseDto> CreateAsync(CreateEnterpriseDto input, CancellationToken cancellationToken = default);

    /// <summary>Updates an enterprise.</summary>
    /// <exception cref="Errors.InputValidationException">Field errors; nothing is changed.</exception>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    Task<EnterpriseDto> UpdateAsync(Guid id, UpdateEnterpriseDto input, CancellationToken cancellationToken = default);

    /// <summary>Soft-deletes an enterprise (it disappears from lists, other modules' lookups and searches; its history stays).</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown or already deleted id.</exception>
    /// <exception cref="Errors.ForbiddenException">Without <see cref="EnterprisesPermissions.Delete"/>.</exception>
    Task DeleteAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Restores a soft-deleted enterprise.</summary>
    /// <exception cref="Errors.EntityNotFoundException">Unknown id.</exception>
    /// <exception cref="Errors.BusinessException"><c>SmeSupport:Enterprises:NotDeleted</c> (409) or <c>DuplicateTaxCode</c> (409) when another enterprise took the tax code meanwhile.</exception>
    Task<EnterpriseDto> RestoreAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Soft-deleted enterprises, newest deletion first (needs <see cref="EnterprisesPermissions.Delete"/>).</summary>
    Task<PagedResultDto<DeletedEnterpriseDto>> GetDeletedListAsync(PagedRequestDto paging, CancellationToken cancellationToken = default);
}

/// <summary>A soft-deleted enterprise, for the restore list.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="TaxCode">Tax code.</param>
/// <param name="Name">Name.</param>
/// <param name="DeletedAt">When (UTC).</param>
/// <param name="DeletedBy">Who (user id).</param>
public sealed record DeletedEnterpriseDto(Guid Id, string TaxCode, string Name, DateTimeOffset? DeletedAt, Guid? DeletedBy);

/// <summary>Headline counts other modules (Reporting) may read.</summary>
public interface IEnterpriseStatistics
{
    /// <summary>Enterprises (not deleted) by programme status.</summary>
    Task<IReadOnlyDictionary<ProgrammeStatus, int>> CountByProgrammeStatusAsync(CancellationToken cancellationToken = default);
}

/// <summary>A contact person who may receive e-mail, as other modules (Outreach) see it.</summary>
/// <param name="ContactId">Contact id.</param>
/// <param name="EnterpriseId">The enterprise.</param>
/// <param name="EnterpriseName">Enterprise name.</param>
/// <param name="FullName">Contact's full name.</param>
/// <param name="Email">E-mail address.</param>
/// <param name="ServiceConsent">True while consent to service messages is granted.</param>
/// <param name="AdvertisingConsent">True while consent to programme/advertising messages is granted (Decree 91/2020/NĐ-CP).</param>
/// <param name="PreferredLanguage">Language the contact reads e-mail in: <c>vi</c> or <c>en</c> (<see cref="ContactLanguages"/>).</param>
/// <param name="Position">Position, e.g. "Giám đốc", or null.</param>
public sealed record ContactRecipientDto(Guid ContactId, Guid EnterpriseId, string EnterpriseName, string FullName,
    string Email, bool ServiceConsent, bool AdvertisingConsent, string PreferredLanguage = ContactLanguages.Vietnamese, string? Position = null);

/// <summary>Reads contacts for other modules; the only way outside the module to reach contact data.</summary>
public interface IEnterpriseContactDirectory
{
    /// <summary>Streams e-mailable contacts of enterprises (not deleted), optionally of given programme statuses, ordered by contact id.</summary>
    IAsyncEnumerable<ContactRecipientDto> StreamRecipientsAsync(IReadOnlyCollection<ProgrammeStatus>? statuses, CancellationToken cancellationToken = default);

    /// <summary>Contacts by id (missing ids are skipped).</summary>
    Task<IReadOnlyList<ContactRecipientDto>> GetRecipientsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken = default);
}

/// <summary>An enterprise in brief, for other modules (demo seeding, pickers, reports).</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="TaxCode">Canonical tax code.</param>
/// <param name="Name">Name.</param>
/// <param name="WardCode">Current commune/ward code.</param>
/// <param name="Size">Size class.</param>
/// <param name="LegalForm">Legal form.</param>
/// <param name="ProgrammeStatus">Programme status.</param>
public sealed record EnterpriseSummaryDto(Guid Id, string TaxCode, string Name, int WardCode, EnterpriseSize Size,
    LegalForm LegalForm, ProgrammeStatus ProgrammeStatus);

/// <summary>Looks enterprises up for other modules (they never read the Enterprises tables themselves).</summary>
public interface IEnterpriseLookup
{
    /// <summary>All enterprises (not deleted) in tax-code order; <paramref name="programmeStatus"/> narrows.</summary>
    Task<IReadOnlyList<EnterpriseSummaryDto>> ListAsync(ProgrammeStatus? programmeStatus = null, CancellationToken cancellationToken = default);

    /// <summary>Enterprises by id (unknown or deleted ids are absent from the result).</summary>
    Task<IReadOnlyDictionary<Guid, EnterpriseSummaryDto>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enterprises (not deleted) by canonical tax code (<see cref="SmeSupport.Domain.TaxCode.Value"/>: 10 digits, <c>NNNNNNNNNN-NNN</c>
    /// for a branch, or 12 digits). Codes with no enterprise are absent from the result; the match is exact (ordinal), so
    /// pass canonical forms. Large sets are read in chunks.
    /// </summary>
    Task<IReadOnlyDictionary<string, EnterpriseSummaryDto>> FindByTaxCodesAsync(IReadOnlyCollection<string> canonicalTaxCodes,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// Enterprises (not deleted) with the attributes reports group by (commune/ward, size, legal form, VSIC section),
    /// optionally narrowed by <paramref name="selection"/>; in tax-code order.
    /// </summary>
    Task<IReadOnlyList<EnterpriseProfileDto>> ListProfilesAsync(EnterpriseSelectionDto? selection = null, CancellationToken cancellationToken = default);

    /// <summary>Every enterprise (not deleted) with only the attributes counts group by, in no particular order (fast: for figures over the whole registry).</summary>
    Task<IReadOnlyList<EnterpriseGroupingDto>> ListGroupingsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A text that changes whenever an enterprise is added, changed or deleted (row count and latest creation and change times), so that
    /// other modules may keep figures derived from <see cref="ListGroupingsAsync"/> until it changes.
    /// </summary>
    Task<string> GetChangeStampAsync(CancellationToken cancellationToken = default);

    /// <summary>Names of communes/wards by their (post-1 July 2025) code; unknown codes are absent.</summary>
    Task<IReadOnlyDictionary<int, string>> GetWardNamesAsync(IReadOnlyCollection<int> wardCodes, CancellationToken cancellationToken = default);
}

/// <summary>An enterprise with the attributes reports group by.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="TaxCode">Canonical tax code.</param>
/// <param name="Name">Name.</param>
/// <param name="WardCode">Current (post-1 July 2025) commune/ward code.</param>
/// <param name="Size">Size class (Decree 80/2021/NĐ-CP, Art. 5).</param>
/// <param name="LegalForm">Legal form.</param>
/// <param name="IndustrySection">VSIC 2018 section letter A–U, or null when no industry is recorded.</param>
/// <param name="ProgrammeStatus">Programme status.</param>
public sealed record EnterpriseProfileDto(Guid Id, string TaxCode, string Name, int WardCode, EnterpriseSize Size, LegalForm LegalForm,
    string? IndustrySection, ProgrammeStatus ProgrammeStatus);

/// <summary>An enterprise's grouping attributes only.</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="WardCode">Current commune/ward code.</param>
/// <param name="Size">Size class.</param>
/// <param name="LegalForm">Legal form.</param>
/// <param name="IndustrySection">VSIC 2018 section letter, or null.</param>
/// <param name="ProgrammeStatus">Programme status.</param>
public sealed record EnterpriseGroupingDto(Guid Id, int WardCode, EnterpriseSize Size, LegalForm LegalForm, string? IndustrySection,
    ProgrammeStatus ProgrammeStatus);

/// <summary>A selection of enterprises by attribute (all given criteria must hold; none given selects every enterprise).</summary>
public sealed record EnterpriseSelectionDto
{
    /// <summary>Current commune/ward code.</summary>
    public int? WardCode { get; init; }

    /// <summary>Legal form.</summary>
    public LegalForm? LegalForm { get; init; }

    /// <summary>Size class.</summary>
    public EnterpriseSize? Size { get; init; }

    /// <summary>VSIC section letter A–U (case-insensitive).</summary>
    public string? Section { get; init; }

    /// <summary>Programme status.</summary>
    public ProgrammeStatus? ProgrammeStatus { get; init; }
}
