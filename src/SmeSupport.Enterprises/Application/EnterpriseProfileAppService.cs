using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Errors;
using SmeSupport.Security;
using SmeSupport.Text;
using SmeSupport.Timing;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// Who may see and change one enterprise's data: staff with <c>SmeSupport.Enterprises</c> read every enterprise and,
/// with <c>.Update</c>, change it; an EnterpriseUser reads and changes its own only. Any other enterprise is 404
/// (its existence is not disclosed).
/// </summary>
internal sealed class EnterpriseAccess(EnterprisesDb db, ICurrentUser currentUser)
{
    public bool IsStaff => currentUser.HasPermission(EnterprisesPermissions.Default);

    /// <summary>Throws 403 when the user may read no enterprise at all (as the enterprise endpoints do), then 404 unless the
    /// enterprise exists (not deleted) and the user may read it.</summary>
    public async Task EnsureReadableAsync(Guid enterpriseId, CancellationToken ct)
    {
        if (!IsStaff && !(currentUser.HasPermission(EnterprisesPermissions.OwnEnterprise) && currentUser.EnterpriseId is not null))
        {
            throw new ForbiddenException();
        }

        if (!CanSee(enterpriseId) || !await db.Enterprises.AnyAsync(e => e.Id == enterpriseId, ct))
        {
            throw new EntityNotFoundException("Enterprise", enterpriseId);
        }
    }

    /// <summary>Throws 404 as <see cref="EnsureReadableAsync"/>, then 403 unless the user may change it.</summary>
    public async Task EnsureWritableAsync(Guid enterpriseId, CancellationToken ct, bool staffOnly = false)
    {
        await EnsureReadableAsync(enterpriseId, ct);
        var own = !staffOnly && currentUser.HasPermission(EnterprisesPermissions.OwnEnterprise) && currentUser.EnterpriseId == enterpriseId;
        if (!currentUser.HasPermission(EnterprisesPermissions.Update) && !own)
        {
            throw new ForbiddenException();
        }
    }

    private bool CanSee(Guid enterpriseId) =>
        IsStaff || (currentUser.HasPermission(EnterprisesPermissions.OwnEnterprise) && currentUser.EnterpriseId == enterpriseId);
}

/// <summary>Contacts and their consents, cohorts and maturity assessments of one enterprise.</summary>
internal sealed class EnterpriseProfileAppService(EnterprisesDb db, EnterpriseAccess access, TimeProvider clock)
    : IEnterpriseProfileAppService
{
    public async Task<IReadOnlyList<ContactDto>> GetContactsAsync(Guid enterpriseId, CancellationToken cancellationToken = default)
    {
        await access.EnsureReadableAsync(enterpriseId, cancellationToken);
        var contacts = await db.Contacts.AsNoTracking().Include(c => c.Consents)
            .Where(c => c.EnterpriseId == enterpriseId).ToListAsync(cancellationToken);
        return contacts.OrderBy(c => VietnameseText.SortKey(c.FullName), StringComparer.Ordinal).Select(ToDto).ToList();
    }

    public async Task<ContactDto> GetContactAsync(Guid enterpriseId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await access.EnsureReadableAsync(enterpriseId, cancellationToken);
        return ToDto(await FindContactAsync(enterpriseId, contactId, false, cancellationToken));
    }

    public async Task<ContactDto> CreateContactAsync(Guid enterpriseId, CreateContactDto input, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken);
        var (email, mobile) = ValidateContact(input);
        var contact = new Contact { EnterpriseId = enterpriseId };
        ApplyContact(contact, input, email, mobile);
        db.Contacts.Add(contact);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(contact);
    }

    public async Task<ContactDto> UpdateContactAsync(Guid enterpriseId, Guid contactId, UpdateContactDto input, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken);
        var contact = await FindContactAsync(enterpriseId, contactId, true, cancellationToken);
        if (string.IsNullOrEmpty(input.ConcurrencyStamp))
        {
            // Without the stamp read before editing, a stale edit would silently overwrite someone else's change.
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["concurrencyStamp"] = ["Send the concurrencyStamp of the contact you edited."],
            });
        }

        var (email, mobile) = ValidateContact(input);
        db.Context.Entry(contact).Property(c => c.ConcurrencyStamp).OriginalValue = input.ConcurrencyStamp;

        ApplyContact(contact, input, email, mobile);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(contact);
    }

    public async Task DeleteContactAsync(Guid enterpriseId, Guid contactId, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken);
        var contact = await db.Contacts.FirstOrDefaultAsync(c => c.Id == contactId && c.EnterpriseId == enterpriseId, cancellationToken)
                      ?? throw new EntityNotFoundException("Contact", contactId);
        // Soft delete (audit interceptor); the consents stay as the record of what was agreed.
        db.Contacts.Remove(contact);
        await db.Context.SaveChangesAsync(cancellationToken);
    }

    public async Task<ContactDto> GrantConsentAsync(Guid enterpriseId, Guid contactId, GrantConsentDto input, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken);
        var errors = new FieldErrors();
        if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose))
        {
            errors.Add("purpose", EnterprisesText.Get("Validation.Consent.PurposeRequired"));
        }

        ValidateChannel(input.Via, errors);
        var now = clock.GetUtcNow();
        if (input.GrantedAt is { } at && at > now.AddMinutes(5))
        {
            errors.Add("grantedAt", EnterprisesText.Get("Validation.Consent.GrantedAtFuture"));
        }

        errors.ThrowIfAny();
        var contact = await FindContactAsync(enterpriseId, contactId, true, cancellationToken);
        if (contact.HasConsent(input.Purpose!.Value))
        {
            throw new ConflictException(EnterprisesErrorCodes.ConsentAlreadyGranted, $"Consent for {input.Purpose} is already granted and not withdrawn.")
            {
                MessageArgs = [EnterprisesErrorMessages.Part($"Purpose.{input.Purpose}")],
            };
        }

        var consent = new ContactConsent
        {
            ContactId = contact.Id,
            Purpose = input.Purpose.Value,
            GrantedAt = input.GrantedAt?.ToUniversalTime() ?? now,
            GrantedVia = Channel(input.Via!),
        };
        db.ContactConsents.Add(consent);
        contact.Consents.Add(consent);
        TouchContact(contact);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(contact);
    }

    public async Task<ContactDto> WithdrawConsentAsync(Guid enterpriseId, Guid contactId, ConsentPurpose purpose, WithdrawConsentDto input,
        CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken);
        var errors = new FieldErrors();
        if (!Enum.IsDefined(purpose))
        {
            errors.Add("purpose", EnterprisesText.Get("Validation.Consent.PurposeUnknown"));
        }

        ValidateChannel(input.Via, errors);
        errors.ThrowIfAny();
        var contact = await FindContactAsync(enterpriseId, contactId, true, cancellationToken);
        var active = contact.Consents.Where(c => c.Purpose == purpose && c.WithdrawnAt is null).ToList();
        if (active.Count == 0)
        {
            throw new ConflictException(EnterprisesErrorCodes.ConsentNotGranted, $"There is no consent in force for {purpose} to withdraw.")
            {
                MessageArgs = [EnterprisesErrorMessages.Part($"Purpose.{purpose}")],
            };
        }

        var now = clock.GetUtcNow();
        foreach (var consent in active)
        {
            consent.WithdrawnAt = now;
            consent.WithdrawnVia = Channel(input.Via!);
        }

        TouchContact(contact);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(contact);
    }

    public async Task<CohortMembershipDto> AddCohortAsync(Guid enterpriseId, AddCohortMembershipDto input, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken, staffOnly: true);
        var errors = new FieldErrors();
        var name = VietnameseText.Normalize(input.Name);
        if (name.Length == 0)
        {
            errors.Add("name", EnterprisesText.Get("Validation.Cohort.NameRequired"));
        }
        else if (name.Length > CohortMembership.NameMaxLength)
        {
            errors.Add("name", EnterprisesText.Get("Validation.Cohort.NameTooLong", CohortMembership.NameMaxLength));
        }

        if (input.JoinedOn is null)
        {
            errors.Add("joinedOn", EnterprisesText.Get("Validation.Cohort.JoinedOnRequired"));
        }
        else if (input.JoinedOn > VietnamTime.Today(clock).AddDays(366))
        {
            errors.Add("joinedOn", EnterprisesText.Get("Validation.Cohort.JoinedOnTooFar"));
        }

        errors.ThrowIfAny();
        var folded = VietnameseText.Fold(name);
        if (await db.CohortMemberships.AnyAsync(c => c.EnterpriseId == enterpriseId && c.CohortNameFolded == folded, cancellationToken))
        {
            throw new ConflictException(EnterprisesErrorCodes.AlreadyInCohort, $"The enterprise is already in cohort '{name}'.") { MessageArgs = [name] };
        }

        var membership = new CohortMembership { EnterpriseId = enterpriseId, CohortName = name, CohortNameFolded = folded, JoinedOn = input.JoinedOn!.Value };
        db.CohortMemberships.Add(membership);
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException && IsCohortUniqueViolation(ex))
        {
            // The same cohort joined at the same moment: both passed the check above, the unique index let one through.
            db.Context.ChangeTracker.Clear();
            throw new ConflictException(EnterprisesErrorCodes.AlreadyInCohort, $"The enterprise is already in cohort '{name}'.") { MessageArgs = [name] };
        }

        return new CohortMembershipDto(membership.Id, membership.CohortName, membership.JoinedOn);
    }

    /// <summary>The unique index on (EnterpriseId, CohortNameFolded) of EnterpriseCohorts refused the row (SQLite "UNIQUE constraint
    /// failed: EnterpriseCohorts.EnterpriseId, EnterpriseCohorts.CohortNameFolded"; SQL Server 2601 naming IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded).</summary>
    private static bool IsCohortUniqueViolation(DbUpdateException e)
    {
        for (Exception? x = e.InnerException; x is not null; x = x.InnerException)
        {
            if ((x.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
                 || x.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
                && x.Message.Contains(nameof(CohortMembership.CohortNameFolded), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public async Task RemoveCohortAsync(Guid enterpriseId, Guid membershipId, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken, staffOnly: true);
        var membership = await db.CohortMemberships.FirstOrDefaultAsync(c => c.Id == membershipId && c.EnterpriseId == enterpriseId, cancellationToken)
                         ?? throw new EntityNotFoundException("Cohort membership", membershipId);
        db.CohortMemberships.Remove(membership);
        await db.Context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MaturityAssessmentDto>> GetAssessmentsAsync(Guid enterpriseId, CancellationToken cancellationToken = default)
    {
        await access.EnsureReadableAsync(enterpriseId, cancellationToken);
        var list = await db.MaturityAssessments.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId).ToListAsync(cancellationToken);
        return list.OrderByDescending(a => a.AssessedOn).ThenByDescending(a => a.CreatedAt).Select(ToDto).ToList();
    }

    public async Task<MaturityAssessmentDto> CreateAssessmentAsync(Guid enterpriseId, CreateMaturityAssessmentDto input, CancellationToken cancellationToken = default)
    {
        await access.EnsureWritableAsync(enterpriseId, cancellationToken, staffOnly: true);
        var errors = new FieldErrors();
        if (input.AssessedOn is null)
        {
            errors.Add("assessedOn", EnterprisesText.Get("Validation.Assessment.DateRequired"));
        }
        else if (input.AssessedOn > VietnamTime.Today(clock))
        {
            errors.Add("assessedOn", EnterprisesText.Get("Validation.Assessment.DateFuture"));
        }

        var assessor = VietnameseText.Normalize(input.Assessor);
        if (assessor.Length == 0)
        {
            errors.Add("assessor", EnterprisesText.Get("Validation.Assessment.AssessorRequired"));
        }
        else if (assessor.Length > 150)
        {
            errors.Add("assessor", EnterprisesText.Get("Validation.Assessment.AssessorTooLong", 150));
        }

        Level(input.CustomerExperience, "customerExperience", errors, required: true);
        Level(input.Strategy, "strategy", errors, required: true);
        Level(input.InfrastructureAndTechnology, "infrastructureAndTechnology", errors, required: true);
        Level(input.Operations, "operations", errors, required: true);
        Level(input.OrganisationalCulture, "organisationalCulture", errors, required: true);
        Level(input.DataAndInformationAssets, "dataAndInformationAssets", errors, required: true);
        Level(input.OverallLevel, "overallLevel", errors, required: false);
        if (input.Notes is { Length: > 2000 })
        {
            errors.Add("notes", EnterprisesText.Get("Validation.Assessment.NotesTooLong", 2000));
        }

        errors.ThrowIfAny();
        int[] pillars =
        [
            input.CustomerExperience!.Value, input.Strategy!.Value, input.InfrastructureAndTechnology!.Value,
            input.Operations!.Value, input.OrganisationalCulture!.Value, input.DataAndInformationAssets!.Value,
        ];
        var assessment = new MaturityAssessment
        {
            EnterpriseId = enterpriseId,
            AssessedOn = input.AssessedOn!.Value,
            Assessor = assessor,
            CustomerExperience = pillars[0],
            Strategy = pillars[1],
            InfrastructureAndTechnology = pillars[2],
            Operations = pillars[3],
            OrganisationalCulture = pillars[4],
            DataAndInformationAssets = pillars[5],
            OverallLevel = input.OverallLevel ?? pillars.Sum() / pillars.Length,
            Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
        };
        db.MaturityAssessments.Add(assessment);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(assessment);
    }

    public async Task<IReadOnlyList<WardConversionDto>> GetConversionsAsync(int oldWardCode, CancellationToken cancellationToken = default) =>
        await db.WardConversions.AsNoTracking().Where(c => c.OldWardCode == oldWardCode).OrderBy(c => c.NewWardCode)
            .Select(c => new WardConversionDto(c.OldWardCode, c.OldWardName, c.OldDistrictName, c.OldProvinceName, c.NewWardCode,
                db.Wards.Where(w => w.Code == c.NewWardCode).Select(w => w.Name).FirstOrDefault(), c.Note))
            .ToListAsync(cancellationToken);

    /// <summary>Validates a contact's fields; returns the e-mail and the mobile in E.164.</summary>
    internal static (string? Email, string? Mobile) ValidateContact(CreateContactDto input, string prefix = "")
    {
        var errors = new FieldErrors();
        var name = VietnameseText.Normalize(input.FullName);
        if (name.Length == 0)
        {
            errors.Add(prefix + "fullName", EnterprisesText.Get("Validation.Contact.FullNameRequired"));
        }
        else if (name.Length > Contact.FullNameMaxLength)
        {
            errors.Add(prefix + "fullName", EnterprisesText.Get("Validation.Contact.FullNameTooLong", Contact.FullNameMaxLength));
        }
        else if (EnterpriseInputValidator.HasControlCharacters(input.FullName))
        {
            errors.Add(prefix + "fullName", EnterprisesText.Get("Validation.Contact.FullNameControlCharacters"));
        }

        if (EnterpriseInputValidator.HasControlCharacters(input.Position))
        {
            errors.Add(prefix + "position", EnterprisesText.Get("Validation.Contact.PositionControlCharacters"));
        }

        if (input.Position is { Length: > 100 })
        {
            errors.Add(prefix + "position", EnterprisesText.Get("Validation.Contact.PositionTooLong", 100));
        }

        if (!string.IsNullOrWhiteSpace(input.PreferredLanguage) && ContactLanguages.Normalize(input.PreferredLanguage) is null)
        {
            errors.Add(prefix + "preferredLanguage", EnterprisesText.Get("Validation.Contact.PreferredLanguageUnknown"));
        }

        string? email = null;
        if (!string.IsNullOrWhiteSpace(input.Email))
        {
            email = input.Email.Trim();
            if (email.Length > Contact.EmailMaxLength || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email
                || !email.Contains('@', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal) || !HasDottedDomain(email))
            {
                errors.Add(prefix + "email", EnterprisesText.Get("Validation.Contact.EmailInvalid"));
            }
        }

        string? mobile = null;
        if (!string.IsNullOrWhiteSpace(input.Mobile))
        {
            if (VietnamesePhoneNumber.TryNormalizeMobile(input.Mobile, out var e164, out var error))
            {
                mobile = e164;
            }
            else
            {
                errors.Add(prefix + "mobile", error);
            }
        }

        errors.ThrowIfAny();
        return (email, mobile);
    }

    /// <summary>
    /// True when the part after the last <c>@</c> is a domain with at least one dot between non-empty labels (<c>example.vn</c>);
    /// <c>a@b</c>, <c>a@b.</c> and <c>a@.vn</c> are not deliverable addresses on the Internet.
    /// </summary>
    internal static bool HasDottedDomain(string email)
    {
        var domain = email[(email.LastIndexOf('@') + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && domain.Split('.').All(label => label.Length > 0);
    }

    internal static void ApplyContact(Contact contact, CreateContactDto input, string? email, string? mobile)
    {
        contact.FullName = VietnameseText.Normalize(input.FullName);
        contact.FullNameFolded = VietnameseText.Fold(contact.FullName);
        contact.Position = string.IsNullOrWhiteSpace(input.Position) ? null : VietnameseText.Normalize(input.Position);
        contact.Email = email;
        contact.Mobile = mobile;
        if (ContactLanguages.Normalize(input.PreferredLanguage) is { } language)
        {
            contact.PreferredLanguage = language;
        }
    }

    internal static ContactDto ToDto(Contact c) => new()
    {
        Id = c.Id,
        EnterpriseId = c.EnterpriseId,
        FullName = c.FullName,
        Position = c.Position,
        Email = c.Email,
        Mobile = c.Mobile,
        PreferredLanguage = c.PreferredLanguage,
        ServiceConsent = c.HasConsent(ConsentPurpose.Service),
        AdvertisingConsent = c.HasConsent(ConsentPurpose.Advertising),
        Consents = c.Consents.OrderBy(k => k.GrantedAt).ThenBy(k => k.Id)
            .Select(k => new ConsentDto(k.Id, k.Purpose, k.GrantedAt, k.GrantedVia, k.WithdrawnAt, k.WithdrawnVia)).ToList(),
        ConcurrencyStamp = c.ConcurrencyStamp,
    };

    private static MaturityAssessmentDto ToDto(MaturityAssessment a) => new()
    {
        Id = a.Id,
        EnterpriseId = a.EnterpriseId,
        AssessedOn = a.AssessedOn,
        Assessor = a.Assessor,
        CustomerExperience = a.CustomerExperience,
        Strategy = a.Strategy,
        InfrastructureAndTechnology = a.InfrastructureAndTechnology,
        Operations = a.Operations,
        OrganisationalCulture = a.OrganisationalCulture,
        DataAndInformationAssets = a.DataAndInformationAssets,
        OverallLevel = a.OverallLevel,
        Notes = a.Notes,
    };

    private static void Level(int? value, string field, FieldErrors errors, bool required)
    {
        if (value is null)
        {
            if (required)
            {
                errors.Add(field, EnterprisesText.Get("Validation.Assessment.LevelRequired"));
            }
        }
        else if (value is < 0 or > 5)
        {
            errors.Add(field, EnterprisesText.Get("Validation.Assessment.LevelRange"));
        }
    }

    private static void ValidateChannel(string? via, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(via) || !ConsentChannels.All.Contains(via.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("via", EnterprisesText.Get("Validation.Consent.ViaRequired", string.Join(", ", ConsentChannels.All)));
        }
    }

    private static string Channel(string via) => ConsentChannels.All.First(c => string.Equals(c, via.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Marks the contact changed so the consent change is stamped (and audited) on the contact.</summary>
    private void TouchContact(Contact contact)
    {
        var entry = db.Context.Entry(contact);
        if (entry.State == EntityState.Unchanged)
        {
            entry.State = EntityState.Modified;
        }
    }

    private async Task<Contact> FindContactAsync(Guid enterpriseId, Guid contactId, bool tracking, CancellationToken ct)
    {
        var query = tracking ? db.Contacts : db.Contacts.AsNoTracking();
        return await query.Include(c => c.Consents).FirstOrDefaultAsync(c => c.Id == contactId && c.EnterpriseId == enterpriseId, ct)
               ?? throw new EntityNotFoundException("Contact", contactId);
    }
}
