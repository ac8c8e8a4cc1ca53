using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;
using SmeSupport.Text;
using SmeSupport.Timing;

namespace SmeSupport.Cases.Application;

/// <summary>
/// Community visits (<see cref="ICommunityVisitAppService"/>). Communes and enterprises are checked through the
/// Enterprises contracts, team members through <see cref="IUserDirectory"/>; a follow-up case is written with its
/// internal note in one transaction.
/// </summary>
internal sealed class CommunityVisitAppService(
    CasesDb db,
    IEnterpriseLookup enterprises,
    IEnterpriseContactDirectory contacts,
    IUserDirectory users,
    ISupportCaseAppService cases,
    CaseContactResolver contactResolver,
    ICurrentUser currentUser,
    TimeProvider clock) : ICommunityVisitAppService
{
    /// <summary>The first day a post-reform ward code can be visited (Resolution 202/2025/QH15 took effect on 1 July 2025).</summary>
    public static readonly DateOnly FirstVisitDate = new(2025, 7, 1);

    public async Task<PagedResultDto<CommunityVisitDto>> GetListAsync(CommunityVisitListFilterDto filter, CancellationToken cancellationToken = default)
    {
        var errors = Paging.Check(filter, new FieldErrors());
        if (filter is { From: { } f, To: { } t } && f > t)
        {
            errors.Add("from", "From must not be after To.");
        }

        errors.ThrowIfAny();
        var query = db.Visits.AsNoTracking();
        if (filter.WardCode is { } ward)
        {
            query = query.Where(v => v.WardCode == ward);
        }

        if (filter.From is { } from)
        {
            query = query.Where(v => v.VisitDate >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(v => v.VisitDate <= to);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(v => v.VisitDate).ThenByDescending(v => v.Id).Skip(filter.Skip).Take(filter.PageSize)
            .Include(v => v.Members).Include(v => v.Enterprises).AsSplitQuery().ToListAsync(cancellationToken);
        return new PagedResultDto<CommunityVisitDto>(await ToDtosAsync(rows, cancellationToken), total);
    }

    public async Task<CommunityVisitDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await ToDtosAsync([await LoadAsync(id, track: false, cancellationToken)], cancellationToken))[0];

    public async Task<CommunityVisitDto> CreateAsync(CreateCommunityVisitDto input, CancellationToken cancellationToken = default)
    {
        var visit = new CommunityVisit();
        await ApplyAsync(visit, input, cancellationToken);
        db.Visits.Add(visit);
        await db.SaveAsync(cancellationToken);
        return await GetAsync(visit.Id, cancellationToken);
    }

    public async Task<CommunityVisitDto> UpdateAsync(Guid id, CreateCommunityVisitDto input, CancellationToken cancellationToken = default)
    {
        var visit = await LoadAsync(id, track: true, cancellationToken);
        await ApplyAsync(visit, input, cancellationToken);
        await db.SaveAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var visit = await db.Visits.FirstOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new EntityNotFoundException("CommunityVisit", id);
        db.Visits.Remove(visit);
        await db.SaveAsync(cancellationToken);
    }

    public async Task<SupportCaseDto> CreateFollowUpCaseAsync(Guid id, CreateFollowUpCaseDto input, CancellationToken cancellationToken = default)
    {
        var visit = await LoadAsync(id, track: false, cancellationToken);
        var errors = new FieldErrors();
        if (input.EnterpriseId is not { } enterpriseId || enterpriseId == Guid.Empty)
        {
            errors.Add("enterpriseId", "Enterprise is required.");
        }
        else if (visit.Enterprises.All(e => e.EnterpriseId != enterpriseId))
        {
            errors.Add("enterpriseId", "The enterprise was not visited on this visit.");
        }

        var subject = CaseText.Subject(input.Subject, SupportCase.SubjectMaxLength, errors);
        var description = CaseText.Optional(input.Description, SupportCase.DescriptionMaxLength, errors, "description", "Description");

        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            errors.Add("type", "Type is required.");
        }

        if (input.Priority is { } p && !Enum.IsDefined(p))
        {
            errors.Add("priority", "Priority is not one of the known values.");
        }

        if (!errors.Has("enterpriseId"))
        {
            var known = await enterprises.GetManyAsync([input.EnterpriseId!.Value], cancellationToken);
            if (!known.ContainsKey(input.EnterpriseId.Value))
            {
                errors.Add("enterpriseId", "The enterprise no longer exists.");
            }
            else if (input.ContactId is { } contactId)
            {
                var found = await contacts.GetRecipientsAsync([contactId], cancellationToken);
                if (!found.Any(c => c.ContactId == contactId && c.EnterpriseId == input.EnterpriseId.Value))
                {
                    errors.Add("contactId", "The contact is not a contact of this enterprise.");
                }
            }
        }

        if (input.AssigneeId is { } assigneeId
            && !(await users.ListWithPermissionAsync(CasesPermissions.Manage, cancellationToken)).Any(u => u.Id == assigneeId))
        {
            errors.Add("assigneeId", $"User '{assigneeId}' is not an officer who can work cases.");
        }

        errors.ThrowIfAny();
        await EnsureNoOpenFollowUpAsync(visit.Id, input.EnterpriseId!.Value, cancellationToken);

        var now = clock.GetUtcNow();
        var contact = input.ContactId ?? await contactResolver.ResolveAsync(input.EnterpriseId!.Value, null, cancellationToken);
        var supportCase = SupportCase.Open(input.EnterpriseId!.Value, contact, subject, description, input.Type!.Value, CaseChannel.Visit,
            input.Priority ?? CasePriority.Normal, input.AssigneeId, now, currentUser.Id);
        supportCase.LinkToVisit(visit.Id);
        var ward = (await enterprises.GetWardNamesAsync([visit.WardCode], cancellationToken)).GetValueOrDefault(visit.WardCode, visit.WardCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var summary = $"Mở từ chuyến thăm cộng đồng ngày {VietnamTime.FormatDate(visit.VisitDate)} tại {ward}."
                      + (visit.TopicList().Count > 0 || visit.OtherTopic is not null
                          ? $" Chủ đề: {string.Join(", ", visit.TopicList().Select(t => t.ToString()).Concat(visit.OtherTopic is null ? [] : [visit.OtherTopic]))}."
                          : "")
                      + (visit.Notes is null ? "" : $" Ghi chú: {visit.Notes}");

        // The case and its note are two writes: one transaction, so a failure of the second leaves no case behind.
        var strategy = db.Context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Context.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                db.SupportCases.Add(supportCase);
                await db.SaveAsync(cancellationToken);

                // A double submit racing this one: checked again after our insert, inside the transaction, so of two
                // parallel requests at most one commits (SQLite serializes the writers; the later one sees both rows).
                await EnsureNoOpenFollowUpAsync(visit.Id, supportCase.EnterpriseId, cancellationToken, except: supportCase.Id);
                db.Messages.Add(new SupportCaseMessage
                {
                    SupportCaseId = supportCase.Id,
                    AuthorKind = MessageAuthorKind.Staff,
                    AuthorId = currentUser.Id,
                    IsInternal = true,
                    Body = CaseText.Lines(summary) is var text && text.Length > SupportCaseMessage.BodyMaxLength ? text[..SupportCaseMessage.BodyMaxLength] : text,
                    PostedAt = now,
                });
                await db.SaveAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                db.Context.ChangeTracker.Clear();
                throw;
            }
        });
        return await cases.GetAsync(supportCase.Id, cancellationToken);
    }

    /// <summary>409 <see cref="CasesErrorCodes.FollowUpAlreadyOpen"/> when the visit has an open follow-up case for the enterprise.</summary>
    private async Task EnsureNoOpenFollowUpAsync(Guid visitId, Guid enterpriseId, CancellationToken ct, Guid? except = null)
    {
        var open = await db.SupportCases.AsNoTracking()
            .Where(c => c.CommunityVisitId == visitId && c.EnterpriseId == enterpriseId && c.Id != except
                        && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
            .OrderBy(c => c.OpenedAt).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (open is { } caseId)
        {
            throw new ConflictException(CasesErrorCodes.FollowUpAlreadyOpen,
                "This visit already has an open follow-up case for this enterprise; add to that case instead.")
            {
                Extensions = { ["caseId"] = caseId },
            };
        }
    }

    private async Task<CommunityVisit> LoadAsync(Guid id, bool track, CancellationToken ct)
    {
        var query = db.Visits.Include(v => v.Members).Include(v => v.Enterprises).AsSplitQuery();
        return await (track ? query : query.AsNoTracking()).FirstOrDefaultAsync(v => v.Id == id, ct)
               ?? throw new EntityNotFoundException("CommunityVisit", id);
    }

    /// <summary>Validates <paramref name="input"/> (all field errors at once) and copies it onto <paramref name="visit"/>.</summary>
    private async Task ApplyAsync(CommunityVisit visit, CreateCommunityVisitDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var today = VietnamTime.Today(clock);
        if (input.VisitDate is not { } date)
        {
            errors.Add("visitDate", "Date of the visit is required.");
        }
        else if (date > today)
        {
            errors.Add("visitDate", "The visit date cannot be in the future.");
        }
        else if (date < FirstVisitDate)
        {
            errors.Add("visitDate", "The visit date cannot be before 1 July 2025 (communes are recorded with their post-reform codes).");
        }

        if (input.WardCode is not { } wardCode)
        {
            errors.Add("wardCode", "Commune is required.");
        }
        else if (wardCode <= 0 || !(await enterprises.GetWardNamesAsync([wardCode], ct)).ContainsKey(wardCode))
        {
            errors.Add("wardCode", $"Commune {wardCode} does not exist.");
        }

        var memberIds = (input.MemberUserIds ?? []).Distinct().ToList();
        if (memberIds.Count > CommunityVisit.MaxItems)
        {
            errors.Add("memberUserIds", $"At most {CommunityVisit.MaxItems} members.");
        }
        else if (memberIds.Count > 0)
        {
            // Team members are staff who work cases (Admin, Officer): not enterprise users or partners.
            var staff = (await users.ListWithPermissionAsync(CasesPermissions.Manage, ct)).Select(u => u.Id).ToHashSet();
            var missing = memberIds.Where(m => !staff.Contains(m)).ToList();
            if (missing.Count > 0)
            {
                errors.Add("memberUserIds", $"Not staff users who work cases: {string.Join(", ", missing)}.");
            }
        }

        var memberNames = CleanNames(input.MemberNames, "memberNames", errors);
        var householdNames = CleanNames(input.HouseholdNames, "householdNames", errors);

        var enterpriseIds = (input.EnterpriseIds ?? []).Distinct().ToList();
        if (enterpriseIds.Count > CommunityVisit.MaxItems)
        {
            errors.Add("enterpriseIds", $"At most {CommunityVisit.MaxItems} enterprises.");
        }
        else if (enterpriseIds.Count > 0)
        {
            var known = await enterprises.GetManyAsync(enterpriseIds, ct);
            var missing = enterpriseIds.Where(e => !known.ContainsKey(e)).ToList();
            if (missing.Count > 0)
            {
                errors.Add("enterpriseIds", $"Unknown enterprises: {string.Join(", ", missing)}.");
            }
        }

        if (input.HouseholdCount is { } count)
        {
            if (count is < 0 or > 10_000)
            {
                errors.Add("householdCount", "Households must be between 0 and 10,000.");
            }
            else if (householdNames is not null && count < householdNames.Count)
            {
                errors.Add("householdCount", $"The count ({count}) is less than the {householdNames.Count} households named.");
            }
        }

        var topics = (input.Topics ?? []).Distinct().ToList();
        if (topics.Any(t => !Enum.IsDefined(t)))
        {
            errors.Add("topics", "A topic is not one of the known values.");
        }

        var otherTopic = CaseText.Line(input.OtherTopic);
        if (otherTopic is { Length: > CommunityVisit.OtherTopicMaxLength })
        {
            errors.Add("otherTopic", $"Other topic must be at most {CommunityVisit.OtherTopicMaxLength} characters.");
        }

        var notes = CaseText.Lines(input.Notes);
        if (notes is { Length: > CommunityVisit.NotesMaxLength })
        {
            errors.Add("notes", $"Notes must be at most {CommunityVisit.NotesMaxLength} characters.");
        }

        if (enterpriseIds.Count == 0 && (input.HouseholdCount ?? 0) == 0 && (householdNames?.Count ?? 0) == 0)
        {
            errors.Add("enterpriseIds", "A visit sees at least one enterprise or household.");
        }

        if (memberIds.Count == 0 && (memberNames?.Count ?? 0) == 0)
        {
            errors.Add("memberUserIds", "The team has at least one member (a user or a name).");
        }

        errors.ThrowIfAny();

        // An enterprise whose follow-up case came from this visit stays on it: removing it would orphan the case's origin.
        var removed = visit.Enterprises.Select(e => e.EnterpriseId).Where(e => !enterpriseIds.Contains(e)).ToList();
        if (removed.Count > 0)
        {
            var visitId = visit.Id;
            var withCases = await db.SupportCases.AsNoTracking()
                .Where(c => c.CommunityVisitId == visitId && removed.Contains(c.EnterpriseId)).Select(c => c.EnterpriseId).Distinct().ToListAsync(ct);
            if (withCases.Count > 0)
            {
                throw new ConflictException(CasesErrorCodes.VisitEnterpriseHasFollowUp,
                    $"Enterprises with follow-up cases from this visit cannot be removed from it: {string.Join(", ", withCases)}.");
            }
        }

        visit.VisitDate = input.VisitDate!.Value;
        visit.WardCode = input.WardCode!.Value;
        visit.MemberNames = CommunityVisit.JoinLines(memberNames ?? []);
        visit.HouseholdCount = input.HouseholdCount;
        visit.HouseholdNames = CommunityVisit.JoinLines(householdNames ?? []);
        visit.Topics = topics.Count == 0 ? null : string.Join(',', topics.Order().Select(t => t.ToString()));
        visit.OtherTopic = string.IsNullOrEmpty(otherTopic) ? null : otherTopic;
        visit.Notes = string.IsNullOrEmpty(notes) ? null : notes;
        visit.Members.RemoveAll(m => !memberIds.Contains(m.UserId));
        foreach (var m in memberIds.Where(m => visit.Members.All(x => x.UserId != m)))
        {
            visit.Members.Add(new CommunityVisitMember { CommunityVisitId = visit.Id, UserId = m });
        }

        visit.Enterprises.RemoveAll(e => !enterpriseIds.Contains(e.EnterpriseId));
        foreach (var e in enterpriseIds.Where(e => visit.Enterprises.All(x => x.EnterpriseId != e)))
        {
            visit.Enterprises.Add(new CommunityVisitEnterprise { CommunityVisitId = visit.Id, EnterpriseId = e });
        }
    }

    /// <summary>Trimmed, NFC, non-empty names (each 1–200 characters, at most 200, no line breaks), or null when none were given.</summary>
    private static List<string>? CleanNames(IReadOnlyList<string>? names, string field, FieldErrors errors)
    {
        if (names is null)
        {
            return null;
        }

        var list = names.Select(n => (n ?? "").Replace('\r', ' ').Replace('\n', ' ').Trim()).Where(n => n.Length > 0)
            .Select(VietnameseText.Normalize).ToList();
        if (list.Count > CommunityVisit.MaxItems)
        {
            errors.Add(field, $"At most {CommunityVisit.MaxItems} names.");
        }
        else if (list.Any(n => n.Length > CommunityVisit.NameMaxLength))
        {
            errors.Add(field, $"Each name must be at most {CommunityVisit.NameMaxLength} characters.");
        }

        return list;
    }

    private async Task<List<CommunityVisitDto>> ToDtosAsync(List<CommunityVisit> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var wardNames = await enterprises.GetWardNamesAsync(rows.Select(r => r.WardCode).Distinct().ToList(), ct);
        var names = await enterprises.GetManyAsync(rows.SelectMany(r => r.Enterprises).Select(e => e.EnterpriseId).Distinct().ToList(), ct);
        var people = await users.GetManyAsync(rows.SelectMany(r => r.Members).Select(m => m.UserId).Distinct().ToList(), ct);
        var ids = rows.Select(r => r.Id).ToList();
        var followUps = (await db.SupportCases.AsNoTracking().Where(c => c.CommunityVisitId != null && ids.Contains(c.CommunityVisitId.Value))
                .Select(c => new { c.Id, VisitId = c.CommunityVisitId!.Value, c.OpenedAt }).ToListAsync(ct))
            .GroupBy(c => c.VisitId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.OpenedAt).ThenBy(c => c.Id).Select(c => c.Id).ToList());
        return rows.Select(v => new CommunityVisitDto
        {
            Id = v.Id,
            VisitDate = v.VisitDate,
            WardCode = v.WardCode,
            WardName = wardNames.GetValueOrDefault(v.WardCode),
            TeamMembers = v.Members.Select(m => people.TryGetValue(m.UserId, out var u)
                    ? new VisitTeamMemberDto(m.UserId, u.FullName ?? u.Email)
                    : new VisitTeamMemberDto(m.UserId, m.UserId.ToString()))
                .OrderBy(m => m.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi"), true))
                .Concat(CommunityVisit.SplitLines(v.MemberNames).Select(n => new VisitTeamMemberDto(null, n))).ToList(),
            EnterpriseIds = v.Enterprises.Select(e => e.EnterpriseId).Order().ToList(),
            EnterpriseNames = v.Enterprises.Where(e => names.ContainsKey(e.EnterpriseId)).ToDictionary(e => e.EnterpriseId, e => names[e.EnterpriseId].Name),
            HouseholdCount = v.HouseholdCount,
            HouseholdNames = CommunityVisit.SplitLines(v.HouseholdNames),
            Topics = v.TopicList(),
            OtherTopic = v.OtherTopic,
            Notes = v.Notes,
            FollowUpCaseIds = followUps.GetValueOrDefault(v.Id) ?? [],
            CreatedAt = v.CreatedAt,
        }).ToList();
    }
}
