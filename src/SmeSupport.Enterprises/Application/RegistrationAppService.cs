using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Application;
using SmeSupport.Emailing;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Enterprises.Application;

/// <summary>Settings of self-registration (<c>Registrations:*</c>).</summary>
internal sealed class RegistrationOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Registrations";

    /// <summary>How long the e-mail confirmation link works (default 48 hours).</summary>
    public TimeSpan ConfirmationLifetime { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Least time between opening the form and sending it (default 3 s); scripts send at once.</summary>
    public TimeSpan MinimumFillTime { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a form token is accepted (default 24 hours).</summary>
    public TimeSpan FormTokenLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Requests per client (IP address) per window to the registration endpoints (default 10).</summary>
    public int RateLimitPermits { get; set; } = 10;

    /// <summary>E-mail confirmations per client (IP address) per window, apart from submissions (default 30).</summary>
    public int ConfirmRateLimitPermits { get; set; } = 30;

    /// <summary>The rate-limit window (default 10 minutes).</summary>
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>Signed tokens of self-registration (ASP.NET Core Data Protection).</summary>
internal sealed class RegistrationTokens(IDataProtectionProvider provider)
{
    /// <summary>Purpose of the confirmation-link protector (a time-limited protector over it).</summary>
    public const string ConfirmationPurpose = "SmeSupport.Enterprises.Registration.Confirm.v1";

    /// <summary>Purpose of the form-token protector.</summary>
    public const string FormPurpose = "SmeSupport.Enterprises.Registration.Form.v1";

    /// <summary>The purpose <see cref="ITimeLimitedDataProtector"/> adds to its inner protector (its v1 payload: 8-byte expiry + data).</summary>
    private const string TimeLimitedPurpose = "Microsoft.AspNetCore.DataProtection.TimeLimitedDataProtector.v1";

    private readonly IDataProtector _confirm = provider.CreateProtector(ConfirmationPurpose);

    private readonly IDataProtector _form = provider.CreateProtector(FormPurpose);

    /// <summary>A confirmation token for the registration and nonce, expiring at <paramref name="expiresAt"/>.</summary>
    public string CreateConfirmation(Guid registrationId, Guid nonce, DateTimeOffset expiresAt) =>
        _confirm.ToTimeLimitedDataProtector().Protect($"{registrationId:N}.{nonce:N}", expiresAt);

    /// <summary>Reads a confirmation token: the ids, or why it is refused.</summary>
    public (Guid RegistrationId, Guid Nonce) ReadConfirmation(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            throw Invalid();
        }

        string payload;
        try
        {
            payload = _confirm.ToTimeLimitedDataProtector().Unprotect(token.Trim(), out _);
        }
        catch (CryptographicException)
        {
            throw IsGenuineButExpired(token.Trim())
                ? new BusinessException(EnterprisesErrorCodes.ConfirmationLinkExpired,
                    "This confirmation link has expired. Please register again.", 410)
                : Invalid();
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        var parts = payload.Split('.');
        if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var id) || !Guid.TryParseExact(parts[1], "N", out var nonce))
        {
            throw Invalid();
        }

        return (id, nonce);
    }

    /// <summary>
    /// A form token recording when the form was opened and a random nonce (<c>ticks.nonce</c>, encrypted and signed). A registration
    /// stored from the form keeps the nonce as its <see cref="EnterpriseRegistration.ConfirmationNonce"/>, so the token is used once.
    /// </summary>
    public string CreateForm(DateTimeOffset issuedAt) =>
        _form.Protect(string.Create(CultureInfo.InvariantCulture, $"{issuedAt.UtcTicks}.{Guid.NewGuid():N}"));

    /// <summary>When the form was opened and the token's nonce, or null for a missing or forged token.</summary>
    public (DateTimeOffset IssuedAt, Guid Nonce)? ReadForm(string? token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return null;
        }

        try
        {
            var parts = _form.Unprotect(token.Trim()).Split('.');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && Guid.TryParseExact(parts[1], "N", out var nonce)
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), nonce)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the token was made here (signature good) and only its time limit failed.</summary>
    private bool IsGenuineButExpired(string token)
    {
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(token);
            var inner = _confirm.CreateProtector(TimeLimitedPurpose).Unprotect(bytes);
            return inner.Length >= 8;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static BusinessException Invalid() =>
        new(EnterprisesErrorCodes.ConfirmationLinkInvalid, "This confirmation link is not valid: it was not issued by this site or it was altered.");
}

/// <summary>Self-registration: public submission and confirmation; staff queue, approval and rejection.</summary>
internal sealed class RegistrationAppService(
    EnterprisesDb db,
    EnterpriseAppService enterprises,
    IValidator<CreateEnterpriseDto> enterpriseValidator,
    IEnterpriseAccountService accounts,
    IEmailSender email,
    RegistrationTokens tokens,
    IOptions<RegistrationOptions> options,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<RegistrationAppService> logger) : IRegistrationAppService
{
    /// <summary>Words of legal forms and fillers left out when names are compared for possible duplicates.</summary>
    private static readonly string[] LegalFormWords =
    [
        "cong ty", "tnhh", "trach nhiem huu han", "co phan", "mot thanh vien", "hai thanh vien tro len", "hai thanh vien",
        "mtv", "ctcp", "cty", "doanh nghiep tu nhan", "dntn", "hop tac xa", "htx", "ho kinh doanh", "hkd", "hop danh",
    ];

    private RegistrationOptions Options => options.Value;

    public RegistrationFormTokenDto CreateFormToken()
    {
        var now = clock.GetUtcNow();
        return new RegistrationFormTokenDto(tokens.CreateForm(now), now + Options.MinimumFillTime, now + Options.FormTokenLifetime);
    }

    public async Task<RegistrationSubmittedDto> SubmitAsync(RegisterEnterpriseDto input, string confirmUrlBase, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var formNonce = CheckNotScripted(input, now);
        if (await db.Registrations.AnyAsync(r => r.ConfirmationNonce == formNonce, cancellationToken))
        {
            throw FormTokenUsed();
        }

        var errors = new FieldErrors();
        if (input.Enterprise is null)
        {
            errors.Add("enterprise", EnterprisesText.Get("Validation.Registration.EnterpriseRequired"));
        }
        else
        {
            var result = await enterpriseValidator.ValidateAsync(input.Enterprise with { OldWardCode = null, ProgrammeStatus = null }, cancellationToken);
            foreach (var failure in result.Errors)
            {
                errors.Add("enterprise." + FieldErrors.CamelCase(failure.PropertyName), failure.ErrorMessage);
            }
        }

        string? contactEmail = null;
        string? contactMobile = null;
        if (input.Contact is null)
        {
            errors.Add("contact", EnterprisesText.Get("Validation.Registration.ContactRequired"));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(input.Contact.Email))
            {
                errors.Add("contact.email", EnterprisesText.Get("Validation.Registration.EmailRequired"));
            }

            try
            {
                (contactEmail, contactMobile) = EnterpriseProfileAppService.ValidateContact(input.Contact, "contact.");
            }
            catch (InputValidationException ex)
            {
                foreach (var (field, messages) in ex.Errors)
                {
                    foreach (var message in messages)
                    {
                        errors.Add(field, message);
                    }
                }
            }
        }

        var e = input.Enterprise;
        var provinceCode = e?.ProvinceCode ?? EnterpriseAppService.DefaultProvinceCode;
        if (e is not null && !errors.Has("enterprise.wardCode") && e.WardCode is { } ward
            && !await db.Wards.AnyAsync(w => w.Code == ward && w.ProvinceCode == provinceCode, cancellationToken))
        {
            errors.Add("enterprise.wardCode", EnterprisesText.Get("Validation.Registration.WardNotInProvince", ward, provinceCode));
        }

        errors.ThrowIfAny();

        var taxCode = SmeSupport.Domain.TaxCode.Parse(e!.TaxCode!).Value;
        if (await db.Enterprises.AnyAsync(x => x.TaxCode == taxCode, cancellationToken))
        {
            throw new BusinessException(EnterprisesErrorCodes.DuplicateTaxCode,
                $"An enterprise with tax code {taxCode} is already registered with the office. Contact the office if you need access to it.", 409,
                new Dictionary<string, string[]> { ["enterprise.taxCode"] = [EnterprisesText.Get("Validation.Registration.TaxCodeRegistered", taxCode)] })
            {
                MessageArgs = [taxCode, EnterprisesErrorMessages.Part("DuplicateTaxCode.Registration")],
            };
        }

        if (await db.Registrations.AnyAsync(r => r.TaxCode == taxCode
                && (r.Status == RegistrationStatus.Submitted
                    || (r.Status == RegistrationStatus.AwaitingEmailConfirmation && r.ConfirmationExpiresAt > now)), cancellationToken))
        {
            throw DuplicatePending(taxCode);
        }

        if (await accounts.EmailHasAccountAsync(contactEmail!, cancellationToken))
        {
            // Approval would fail to create the EnterpriseUser account (409 DuplicateEmail) and leave the registration stuck.
            throw new BusinessException(EnterprisesErrorCodes.ContactEmailHasAccount,
                "The contact e-mail address cannot be used for a registration: it already has an account. Sign in with it, or use another address.", 409,
                new Dictionary<string, string[]> { ["contact.email"] = [EnterprisesText.Get("Validation.Registration.ContactEmailHasAccount")] });
        }

        var name = VietnameseText.Normalize(e.Name);
        var duplicates = await FindSimilarAsync(name, e.WardCode!.Value, cancellationToken);
        var registration = new EnterpriseRegistration
        {
            Status = RegistrationStatus.AwaitingEmailConfirmation,
            TaxCode = taxCode,
            Name = name,
            NameFolded = VietnameseText.Fold(name),
            ShortName = string.IsNullOrWhiteSpace(e.ShortName) ? null : VietnameseText.Normalize(e.ShortName),
            LegalForm = e.LegalForm!.Value,
            IndustryCode = string.IsNullOrWhiteSpace(e.IndustryCode) ? null : e.IndustryCode.Trim().ToUpperInvariant(),
            Employees = e.Employees,
            AnnualRevenueVnd = e.AnnualRevenueVnd,
            CapitalVnd = e.CapitalVnd,
            ProvinceCode = provinceCode,
            WardCode = e.WardCode.Value,
            Street = string.IsNullOrWhiteSpace(e.Street) ? null : VietnameseText.Normalize(e.Street),
            Website = string.IsNullOrWhiteSpace(e.Website) ? null : e.Website.Trim(),
            ContactFullName = VietnameseText.Normalize(input.Contact!.FullName),
            ContactPosition = string.IsNullOrWhiteSpace(input.Contact.Position) ? null : VietnameseText.Normalize(input.Contact.Position),
            ContactEmail = contactEmail!,
            ContactMobile = contactMobile,
            ServiceConsent = input.Consents?.Service ?? false,
            AdvertisingConsent = input.Consents?.Advertising ?? false,
            SubmittedAt = now,
            ConfirmationExpiresAt = now + Options.ConfirmationLifetime,
            ConfirmationNonce = formNonce, // the form token's nonce: marks the token used, and is carried in the confirmation link
            PossibleDuplicates = duplicates.Count == 0 ? null : JsonSerializer.Serialize(duplicates),
        };
        // A registration of this tax code whose confirmation link expired unconfirmed is no longer pending: close it (Rejected, with
        // the reason), so the unique index "one pending registration per tax code" lets the new one in.
        await db.Registrations
            .Where(r => r.TaxCode == taxCode && r.Status == RegistrationStatus.AwaitingEmailConfirmation && r.ConfirmationExpiresAt <= now)
            .ExecuteUpdateAsync(u => u
                .SetProperty(r => r.Status, RegistrationStatus.Rejected)
                .SetProperty(r => r.RejectionReason, ExpiredSupersededReason), cancellationToken);
        db.Registrations.Add(registration);
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (IsNonceUniqueViolation(ex))
        {
            // The same token sent twice at the same moment: both passed the check above, the unique index let one through.
            db.Context.ChangeTracker.Clear();
            throw FormTokenUsed();
        }
        catch (DbUpdateException ex) when (IsPendingTaxCodeUniqueViolation(ex))
        {
            // Two registrations of one tax code sent at the same moment: both passed the check above, the unique index let one through.
            db.Context.ChangeTracker.Clear();
            throw DuplicatePending(taxCode);
        }

        var token = tokens.CreateConfirmation(registration.Id, registration.ConfirmationNonce, registration.ConfirmationExpiresAt);
        var link = QueryHelpers.AddQueryString(confirmUrlBase, "token", token);
        await SendAsync($"registration-confirm-{registration.Id:N}", registration,
            "Xác nhận địa chỉ e-mail / Confirm your e-mail address",
            $"Cảm ơn bạn đã đăng ký {registration.Name}. Xác nhận địa chỉ e-mail tại: {link}\nLiên kết hết hạn sau {Options.ConfirmationLifetime.TotalHours:0} giờ.\n\n" +
            $"Thank you for registering {registration.Name}. Confirm your e-mail address here: {link}\nThe link expires in {Options.ConfirmationLifetime.TotalHours:0} hours.\n",
            $"<p>Cảm ơn bạn đã đăng ký {Html(registration.Name)}. <a href=\"{Html(link)}\">Xác nhận địa chỉ e-mail</a>.</p>" +
            $"<p>Thank you for registering {Html(registration.Name)}. <a href=\"{Html(link)}\">Confirm your e-mail address</a>.</p>",
            cancellationToken);

        return new RegistrationSubmittedDto(registration.Id, registration.Status,
            EnterprisesText.Get("Registration.Received"));
    }

    /// <summary>The reason stored on an unconfirmed registration whose link expired, closed when the tax code registers again.</summary>
    internal const string ExpiredSupersededReason =
        "Tự động đóng: liên kết xác nhận e-mail đã hết hạn và doanh nghiệp đã đăng ký lại. / Closed automatically: the e-mail confirmation link expired and the enterprise registered again.";

    /// <summary>409 <see cref="EnterprisesErrorCodes.DuplicatePendingRegistration"/>: a registration of the tax code is waiting for confirmation or review.</summary>
    private static BusinessException DuplicatePending(string taxCode) =>
        new(EnterprisesErrorCodes.DuplicatePendingRegistration,
            $"A registration for tax code {taxCode} is already waiting for e-mail confirmation or for review. Use the link sent by e-mail, or wait for the office's answer.", 409,
            new Dictionary<string, string[]> { ["enterprise.taxCode"] = [EnterprisesText.Get("Validation.Registration.TaxCodePending", taxCode)] })
        {
            MessageArgs = [taxCode],
        };

    /// <summary>The unique index IX_EnterpriseRegistrations_OnePendingPerTaxCode refused the row (SQLite "UNIQUE constraint failed:
    /// EnterpriseRegistrations.TaxCode"; SQL Server 2601 naming the index).</summary>
    private static bool IsPendingTaxCodeUniqueViolation(DbUpdateException e)
    {
        for (Exception? x = e.InnerException; x is not null; x = x.InnerException)
        {
            if ((x.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
                 || x.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
                && (x.Message.Contains("EnterpriseRegistrations.TaxCode", StringComparison.Ordinal)
                    || x.Message.Contains("OnePendingPerTaxCode", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>409 <see cref="EnterprisesErrorCodes.FormTokenUsed"/>: the form token was used by an earlier (or simultaneous) submission.</summary>
    private static BusinessException FormTokenUsed() =>
        new(EnterprisesErrorCodes.FormTokenUsed, "This form was already sent once. Reload the registration page to send another registration.", 409,
            new Dictionary<string, string[]> { ["formToken"] = [EnterprisesText.Get("Validation.Registration.FormTokenUsed")] });

    /// <summary>The unique index on <see cref="EnterpriseRegistration.ConfirmationNonce"/> refused the row (SQLite "UNIQUE constraint
    /// failed: EnterpriseRegistrations.ConfirmationNonce"; SQL Server 2601 naming IX_EnterpriseRegistrations_ConfirmationNonce).</summary>
    private static bool IsNonceUniqueViolation(DbUpdateException e)
    {
        for (Exception? x = e.InnerException; x is not null; x = x.InnerException)
        {
            if ((x.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
                 || x.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
                && x.Message.Contains(nameof(EnterpriseRegistration.ConfirmationNonce), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public async Task<RegistrationDto> ConfirmAsync(string? token, CancellationToken cancellationToken = default)
    {
        var (id, nonce) = tokens.ReadConfirmation(token);
        try
        {
            return await ConfirmCoreAsync(id, nonce, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request confirmed (or changed) the registration between our read and our write: read it again and answer
            // what the loser should hear (ConfirmationLinkUsed), not the generic concurrency conflict.
            db.Context.ChangeTracker.Clear();
            return await ConfirmCoreAsync(id, nonce, cancellationToken);
        }
    }

    private async Task<RegistrationDto> ConfirmCoreAsync(Guid id, Guid nonce, CancellationToken cancellationToken)
    {
        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null || registration.ConfirmationNonce != nonce)
        {
            throw new BusinessException(EnterprisesErrorCodes.ConfirmationLinkInvalid, "This confirmation link is not valid.");
        }

        var now = clock.GetUtcNow();
        if (registration.EmailConfirmedAt is null && now > registration.ConfirmationExpiresAt)
        {
            // Also when the expired registration was closed because the enterprise registered again.
            throw new BusinessException(EnterprisesErrorCodes.ConfirmationLinkExpired, "This confirmation link has expired. Please register again.", 410);
        }

        if (registration.EmailConfirmedAt is not null || registration.Status != RegistrationStatus.AwaitingEmailConfirmation)
        {
            throw new ConflictException(EnterprisesErrorCodes.ConfirmationLinkUsed,
                "This confirmation link has already been used: the e-mail address is confirmed.");
        }

        registration.EmailConfirmedAt = now;
        registration.Status = RegistrationStatus.Submitted;
        await db.Context.SaveChangesAsync(cancellationToken);
        return await GetCoreAsync(id, cancellationToken);
    }

    public async Task<PagedResultDto<RegistrationDto>> GetListAsync(RegistrationStatus? status, PagedRequestDto paging, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        var errors = new FieldErrors();
        if (paging.Page < 1)
        {
            errors.Add("page", EnterprisesText.Get("Validation.Page.Min"));
        }

        if (paging.PageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", EnterprisesText.Get("Validation.PageSize.Range", PagedRequestDto.MaxPageSize));
        }

        if (status is { } s && !Enum.IsDefined(s))
        {
            errors.Add("status", "Unknown status.");
        }

        errors.ThrowIfAny();
        var query = db.Registrations.AsNoTracking();
        if (status is { } st)
        {
            query = query.Where(r => r.Status == st);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        var wards = await WardNamesAsync(rows.Select(r => r.WardCode), cancellationToken);
        return new PagedResultDto<RegistrationDto>(rows.Select(r => ToDto(r, wards)).ToList(), total);
    }

    public async Task<RegistrationDto> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        return await GetCoreAsync(id, cancellationToken);
    }

    public async Task<RegistrationDto> ApproveAsync(Guid id, string setPasswordUrlBase, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        var strategy = db.Context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.Context.ChangeTracker.Clear();
            var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == id, ct)
                               ?? throw new EntityNotFoundException("Registration", id);
            if (registration.Status != RegistrationStatus.Submitted)
            {
                throw new ConflictException(EnterprisesErrorCodes.InvalidRegistrationState, registration.Status == RegistrationStatus.AwaitingEmailConfirmation
                    ? "The contact has not confirmed the e-mail address yet; a registration is approved only after confirmation."
                    : $"The registration is already {registration.Status.ToString().ToLowerInvariant()}.")
                {
                    MessageArgs = [EnterprisesErrorMessages.Part($"InvalidRegistrationState.{registration.Status}")],
                };
            }

            await using var transaction = await db.Context.Database.BeginTransactionAsync(ct);
            var enterprise = await enterprises.AddValidatedAsync(new CreateEnterpriseDto
            {
                TaxCode = registration.TaxCode,
                Name = registration.Name,
                ShortName = registration.ShortName,
                LegalForm = registration.LegalForm,
                IndustryCode = registration.IndustryCode,
                Employees = registration.Employees,
                AnnualRevenueVnd = registration.AnnualRevenueVnd,
                CapitalVnd = registration.CapitalVnd,
                ProvinceCode = registration.ProvinceCode,
                WardCode = registration.WardCode,
                Street = registration.Street,
                Website = registration.Website,
                ProgrammeStatus = ProgrammeStatus.Prospect,
            }, ct);
            var contact = new Contact
            {
                EnterpriseId = enterprise.Id,
                FullName = registration.ContactFullName,
                FullNameFolded = VietnameseText.Fold(registration.ContactFullName),
                Position = registration.ContactPosition,
                Email = registration.ContactEmail,
                Mobile = registration.ContactMobile,
            };
            AddConsent(contact, ConsentPurpose.Service, registration.ServiceConsent, registration.SubmittedAt);
            AddConsent(contact, ConsentPurpose.Advertising, registration.AdvertisingConsent, registration.SubmittedAt);
            db.Contacts.Add(contact);
            registration.Status = RegistrationStatus.Approved;
            registration.EnterpriseId = enterprise.Id;
            registration.ReviewedAt = clock.GetUtcNow();
            registration.ReviewedBy = currentUser.Id;
            await db.Context.SaveChangesAsync(ct);
            await accounts.CreateEnterpriseUserAsync(registration.ContactEmail, registration.ContactFullName, enterprise.Id, setPasswordUrlBase, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return await GetCoreAsync(id, cancellationToken);
    }

    public async Task<RegistrationDto> RejectAsync(Guid id, RejectRegistrationDto input, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 1000)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["reason"] = [EnterprisesText.Get(string.IsNullOrEmpty(reason) ? "Validation.Reject.ReasonRequired" : "Validation.Reject.ReasonTooLong")],
            });
        }

        var registration = await db.Registrations.FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
                           ?? throw new EntityNotFoundException("Registration", id);
        if (registration.Status is RegistrationStatus.Approved or RegistrationStatus.Rejected)
        {
            throw new ConflictException(EnterprisesErrorCodes.InvalidRegistrationState, $"The registration is already {registration.Status.ToString().ToLowerInvariant()}.")
            {
                MessageArgs = [EnterprisesErrorMessages.Part($"InvalidRegistrationState.{registration.Status}")],
            };
        }

        registration.Status = RegistrationStatus.Rejected;
        registration.RejectionReason = VietnameseText.Normalize(reason);
        registration.ReviewedAt = clock.GetUtcNow();
        registration.ReviewedBy = currentUser.Id;
        await db.Context.SaveChangesAsync(cancellationToken);
        await SendAsync($"registration-rejected-{registration.Id:N}", registration,
            "Đăng ký chưa được chấp thuận / Your registration was not approved",
            $"Đăng ký {registration.Name} (MST {registration.TaxCode}) chưa được chấp thuận. Lý do: {registration.RejectionReason}\n\n" +
            $"The registration of {registration.Name} (tax code {registration.TaxCode}) was not approved. Reason: {registration.RejectionReason}\n",
            $"<p>Đăng ký {Html(registration.Name)} (MST {Html(registration.TaxCode)}) chưa được chấp thuận. Lý do: {Html(registration.RejectionReason)}</p>" +
            $"<p>The registration of {Html(registration.Name)} (tax code {Html(registration.TaxCode)}) was not approved. Reason: {Html(registration.RejectionReason)}</p>",
            cancellationToken);
        return await GetCoreAsync(id, cancellationToken);
    }

    /// <summary>Refuses forms sent as scripts send them; returns the form token's nonce.</summary>
    private Guid CheckNotScripted(RegisterEnterpriseDto input, DateTimeOffset now)
    {
        if (!string.IsNullOrEmpty(input.FaxNumber))
        {
            throw new BusinessException(EnterprisesErrorCodes.SuspectedAutomatedSubmission,
                "The form was filled in a way only a script would (a hidden field has a value). Nothing was stored.");
        }

        var form = tokens.ReadForm(input.FormToken);
        var issued = form?.IssuedAt;
        if (issued is null || now - issued.Value > Options.FormTokenLifetime || issued.Value > now + TimeSpan.FromMinutes(5))
        {
            throw new BusinessException(EnterprisesErrorCodes.FormTokenInvalid,
                "The form token is missing, not issued by this site, or too old. Reload the registration page and send the form again.", 400,
                new Dictionary<string, string[]> { ["formToken"] = [EnterprisesText.Get("Validation.Registration.FormTokenInvalid")] });
        }

        if (now - issued.Value < Options.MinimumFillTime)
        {
            throw new BusinessException(EnterprisesErrorCodes.FormFilledTooFast,
                "The form was sent too quickly after it was opened. Please check your answers and send it again.");
        }

        return form!.Value.Nonce;
    }

    private async Task<List<PossibleDuplicateDto>> FindSimilarAsync(string name, int wardCode, CancellationToken ct)
    {
        var core = CoreName(name);
        if (core.Length < 3)
        {
            return [];
        }

        var neighbours = await db.Enterprises.AsNoTracking().Where(x => x.WardCode == wardCode)
            .Select(x => new { x.Id, x.TaxCode, x.Name, x.ShortName }).ToListAsync(ct);
        return neighbours
            .Where(n => Similar(core, CoreName(n.Name)) || (n.ShortName is not null && Similar(core, CoreName(n.ShortName))))
            .Select(n => new PossibleDuplicateDto(n.Id, n.TaxCode, n.Name))
            .Take(20)
            .ToList();
    }

    /// <summary>The distinctive part of a name: folded, legal-form words and punctuation removed.</summary>
    internal static string CoreName(string name)
    {
        var folded = " " + new string(VietnameseText.Fold(name).Select(c => char.IsLetterOrDigit(c) ? c : ' ').ToArray()) + " ";
        foreach (var word in LegalFormWords)
        {
            folded = folded.Replace(" " + word + " ", " ", StringComparison.Ordinal);
        }

        return string.Join(' ', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static bool Similar(string a, string b) =>
        b.Length >= 3 && (a == b || (a.Length >= 5 && b.Contains(a, StringComparison.Ordinal)) || (b.Length >= 5 && a.Contains(b, StringComparison.Ordinal)));

    private static void AddConsent(Contact contact, ConsentPurpose purpose, bool granted, DateTimeOffset at)
    {
        if (granted)
        {
            contact.Consents.Add(new ContactConsent { ContactId = contact.Id, Purpose = purpose, GrantedAt = at, GrantedVia = ConsentChannels.Registration });
        }
    }

    private void RequireStaff()
    {
        if (!currentUser.HasPermission(EnterprisesPermissions.Registrations))
        {
            throw new ForbiddenException();
        }
    }

    private async Task<RegistrationDto> GetCoreAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new EntityNotFoundException("Registration", id);
        return ToDto(r, await WardNamesAsync([r.WardCode], ct));
    }

    private async Task<Dictionary<int, string>> WardNamesAsync(IEnumerable<int> codes, CancellationToken ct)
    {
        var list = codes.Distinct().ToList();
        return await db.Wards.AsNoTracking().Where(w => list.Contains(w.Code)).ToDictionaryAsync(w => w.Code, w => w.Name, ct);
    }

    private static RegistrationDto ToDto(EnterpriseRegistration r, Dictionary<int, string> wards) => new()
    {
        Id = r.Id,
        Status = r.Status,
        TaxCode = r.TaxCode,
        Name = r.Name,
        LegalForm = r.LegalForm,
        WardCode = r.WardCode,
        WardName = wards.GetValueOrDefault(r.WardCode),
        ContactFullName = r.ContactFullName,
        ContactEmail = r.ContactEmail,
        ContactMobile = r.ContactMobile,
        ServiceConsent = r.ServiceConsent,
        AdvertisingConsent = r.AdvertisingConsent,
        SubmittedAt = r.SubmittedAt,
        EmailConfirmedAt = r.EmailConfirmedAt,
        PossibleDuplicates = r.PossibleDuplicates is null ? [] : JsonSerializer.Deserialize<List<PossibleDuplicateDto>>(r.PossibleDuplicates) ?? [],
        ReviewedAt = r.ReviewedAt,
        RejectionReason = r.RejectionReason,
        EnterpriseId = r.EnterpriseId,
    };

    private static string Html(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");

    private async Task SendAsync(string messageId, EnterpriseRegistration r, string subject, string text, string html, CancellationToken ct)
    {
        var results = await email.SendAsync(
        [
            new EmailMessage
            {
                MessageId = messageId,
                To = new EmailAddress(r.ContactEmail, r.ContactFullName),
                Subject = subject,
                TextBody = text,
                HtmlBody = html,
                Categories = ["registration"],
            },
        ], ct);
        if (results.Count > 0 && !results[0].Accepted)
        {
            logger.LogWarning("Registration e-mail {MessageId} was not accepted: {Error}", messageId, results[0].Error);
        }
    }
}
