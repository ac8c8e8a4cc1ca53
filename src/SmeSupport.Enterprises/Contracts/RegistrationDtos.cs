using SmeSupport.Application;

namespace SmeSupport.Enterprises.Contracts;

/// <summary>Where a self-registration stands.</summary>
public enum RegistrationStatus
{
    /// <summary>Submitted; the contact has not yet confirmed the e-mail address.</summary>
    AwaitingEmailConfirmation = 0,

    /// <summary>E-mail confirmed; waiting for staff.</summary>
    Submitted = 1,

    /// <summary>Approved: the enterprise and its EnterpriseUser account exist.</summary>
    Approved = 2,

    /// <summary>Rejected by staff, with a reason.</summary>
    Rejected = 3,
}

/// <summary>The consents ticked on the registration form.</summary>
/// <param name="Service">Service messages about the enterprise's own trials, cases and e-invoices.</param>
/// <param name="Advertising">Programme and advertising messages (Decree 91/2020/NĐ-CP: prior consent).</param>
public sealed record RegistrationConsentsDto(bool Service, bool Advertising);

/// <summary>
/// Body of <c>POST /api/registrations</c> (anonymous, <c>Content-Type: application/json</c> only): the enterprise, one
/// contact (whose e-mail becomes the account), the consents, and the anti-script fields.
/// </summary>
public sealed record RegisterEnterpriseDto
{
    /// <summary>The enterprise; as for staff, but programme status is ignored. Required.</summary>
    public CreateEnterpriseDto? Enterprise { get; init; }

    /// <summary>The contact; e-mail required. Required.</summary>
    public CreateContactDto? Contact { get; init; }

    /// <summary>Consents; absent means none.</summary>
    public RegistrationConsentsDto? Consents { get; init; }

    /// <summary>The token from <c>GET /api/registrations/form-token</c>, which records when the form was opened. Required.</summary>
    public string? FormToken { get; init; }

    /// <summary>Hidden from people on the page (honeypot): must be empty.</summary>
    public string? FaxNumber { get; init; }
}

/// <summary>A form token: send it back with the registration, no sooner than <see cref="NotBefore"/>.</summary>
/// <param name="Token">Signed token.</param>
/// <param name="NotBefore">Earliest time (UTC) the form may be sent with it.</param>
/// <param name="ExpiresAt">When it stops being accepted (UTC).</param>
public sealed record RegistrationFormTokenDto(string Token, DateTimeOffset NotBefore, DateTimeOffset ExpiresAt);

/// <summary>An enterprise that may be the same as a registration (similar name, same commune).</summary>
/// <param name="Id">Enterprise id.</param>
/// <param name="TaxCode">Its tax code.</param>
/// <param name="Name">Its name.</param>
public sealed record PossibleDuplicateDto(Guid Id, string TaxCode, string Name);

/// <summary>A self-registration as staff see it.</summary>
public sealed record RegistrationDto
{
    /// <summary>Registration id.</summary>
    public Guid Id { get; init; }

    /// <summary>Status.</summary>
    public RegistrationStatus Status { get; init; }

    /// <summary>Canonical tax code.</summary>
    public string TaxCode { get; init; } = "";

    /// <summary>Enterprise name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Legal form.</summary>
    public LegalForm LegalForm { get; init; }

    /// <summary>Current commune/ward code.</summary>
    public int WardCode { get; init; }

    /// <summary>Commune/ward name.</summary>
    public string? WardName { get; init; }

    /// <summary>Contact's full name.</summary>
    public string ContactFullName { get; init; } = "";

    /// <summary>Contact's e-mail.</summary>
    public string ContactEmail { get; init; } = "";

    /// <summary>Contact's mobile (+84…).</summary>
    public string? ContactMobile { get; init; }

    /// <summary>Service-message consent ticked.</summary>
    public bool ServiceConsent { get; init; }

    /// <summary>Advertising consent ticked.</summary>
    public bool AdvertisingConsent { get; init; }

    /// <summary>When submitted (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When the e-mail was confirmed (UTC).</summary>
    public DateTimeOffset? EmailConfirmedAt { get; init; }

    /// <summary>Enterprises with a similar name in the same commune: staff should check before approving.</summary>
    public IReadOnlyList<PossibleDuplicateDto> PossibleDuplicates { get; init; } = [];

    /// <summary>When reviewed (UTC).</summary>
    public DateTimeOffset? ReviewedAt { get; init; }

    /// <summary>Reason given on rejection.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>The enterprise created on approval.</summary>
    public Guid? EnterpriseId { get; init; }
}

/// <summary>Answer to a submission.</summary>
/// <param name="Id">Registration id.</param>
/// <param name="Status">Status (awaiting e-mail confirmation).</param>
/// <param name="Message">What happens next, for the person.</param>
public sealed record RegistrationSubmittedDto(Guid Id, RegistrationStatus Status, string Message);

/// <summary>Rejects a registration.</summary>
/// <param name="Reason">Reason, 1–1,000 characters; e-mailed to the contact. Required.</param>
public sealed record RejectRegistrationDto(string? Reason);

/// <summary>Confirms the contact's e-mail address.</summary>
/// <param name="Token">The token from the link. Required.</param>
public sealed record ConfirmRegistrationDto(string? Token);

/// <summary>Self-registration: the public side (form token, submit, confirm) and the staff side (queue, approve, reject).</summary>
public interface IRegistrationAppService
{
    /// <summary>Issues a signed token recording when the form was opened (minimum fill time).</summary>
    RegistrationFormTokenDto CreateFormToken();

    /// <summary>
    /// Validates and stores a registration, and e-mails the contact a signed confirmation link that expires.
    /// 400 field errors or anti-script refusals; 409 <c>DuplicateTaxCode</c> (an enterprise) or
    /// <c>DuplicatePendingRegistration</c>. Nothing is stored on refusal.
    /// </summary>
    /// <param name="input">The form.</param>
    /// <param name="confirmUrlBase">Absolute URL of the confirmation page; <c>?token=</c> is appended.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    Task<RegistrationSubmittedDto> SubmitAsync(RegisterEnterpriseDto input, string confirmUrlBase, CancellationToken cancellationToken = default);

    /// <summary>Confirms the e-mail address: 400 <c>ConfirmationLinkInvalid</c>, 410 <c>ConfirmationLinkExpired</c>, 409 <c>ConfirmationLinkUsed</c>.</summary>
    Task<RegistrationDto> ConfirmAsync(string? token, CancellationToken cancellationToken = default);

    /// <summary>The queue (staff), oldest first; <paramref name="status"/> narrows.</summary>
    Task<PagedResultDto<RegistrationDto>> GetListAsync(RegistrationStatus? status, PagedRequestDto paging, CancellationToken cancellationToken = default);

    /// <summary>One registration (staff).</summary>
    Task<RegistrationDto> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a confirmed registration: creates the enterprise, its contact with the consents, and an EnterpriseUser
    /// account, and e-mails a link to set a password. 409 <c>InvalidRegistrationState</c>, <c>DuplicateTaxCode</c>,
    /// or <c>SmeSupport:Identity:DuplicateEmail</c>; nothing is stored then.
    /// </summary>
    Task<RegistrationDto> ApproveAsync(Guid id, string setPasswordUrlBase, CancellationToken cancellationToken = default);

    /// <summary>Rejects a registration with a reason, which is e-mailed. 409 <c>InvalidRegistrationState</c> once reviewed.</summary>
    Task<RegistrationDto> RejectAsync(Guid id, RejectRegistrationDto input, CancellationToken cancellationToken = default);
}
