using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using SmeSupport.Domain;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Enterprises.Application;

/// <summary>
/// The enterprise timeline (<see cref="IEnterpriseTimelineAppService"/>): asks every registered <see cref="IEnterpriseTimelineSource"/>
/// for its newest events, merges them newest first, cuts the page, and names the actors through <see cref="IUserDirectory"/>.
/// </summary>
internal sealed class EnterpriseTimelineAppService(
    EnterprisesDb db,
    IEnumerable<IEnterpriseTimelineSource> sources,
    IUserDirectory users,
    ICurrentUser currentUser) : IEnterpriseTimelineAppService
{
    public async Task<EnterpriseTimelineDto> GetAsync(Guid enterpriseId, int page = 1, int pageSize = 50, CancellationToken cancellationToken = default)
    {
        if (!currentUser.HasPermission(EnterprisesPermissions.Default))
        {
            throw new ForbiddenException();
        }

        var errors = new FieldErrors();
        if (page is < 1 or > IEnterpriseTimelineAppService.MaxPage)
        {
            errors.Add("page", $"Page must be between 1 and {IEnterpriseTimelineAppService.MaxPage}.");
        }

        if (pageSize is < 1 or > IEnterpriseTimelineAppService.MaxPageSize)
        {
            errors.Add("pageSize", EnterprisesText.Get("Validation.PageSize.Range", IEnterpriseTimelineAppService.MaxPageSize));
        }

        errors.ThrowIfAny();

        // A soft-deleted enterprise keeps its history: the timeline stays readable for staff.
        if (!await db.Enterprises.IgnoreQueryFilters().AnyAsync(e => e.Id == enterpriseId, cancellationToken))
        {
            throw new EntityNotFoundException("Enterprise", enterpriseId);
        }

        var contactIds = await db.Contacts.IgnoreQueryFilters().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId)
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var wanted = page * pageSize + 1;
        var query = new EnterpriseTimelineQuery(enterpriseId, contactIds, wanted);

        var all = new List<EnterpriseTimelineEventDto>();
        foreach (var source in sources)
        {
            // One DbContext per request: sources run one after the other.
            var events = await source.GetEventsAsync(query, cancellationToken);
            all.AddRange(events.OrderByDescending(e => e.At).Take(wanted));
        }

        var ordered = all.OrderByDescending(e => e.At).ThenBy(e => IsBeginning(e.Kind)).ThenByDescending(e => e.Category)
            .ThenBy(e => e.Kind, StringComparer.Ordinal).ToList();
        var items = ordered.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        var hasMore = ordered.Count > page * pageSize;

        var unnamed = items.Where(e => e.ActorName is null && e.ActorId is not null).Select(e => e.ActorId!.Value).Distinct().ToList();
        if (unnamed.Count > 0)
        {
            var names = await users.GetManyAsync(unnamed, cancellationToken);
            items = items.Select(e => e.ActorName is null && e.ActorId is { } id && names.TryGetValue(id, out var user)
                ? e with { ActorName = user.Email }
                : e).ToList();
        }

        return new EnterpriseTimelineDto(items, page, pageSize, hasMore);
    }

    /// <summary>
    /// Events that start something (a record created, a case opened, a trial assigned, a registration submitted): at the same
    /// instant as what followed from them (a case opened already assigned), they are listed as the older.
    /// </summary>
    private static bool IsBeginning(string kind) =>
        kind.EndsWith(".Created", StringComparison.Ordinal) || kind.EndsWith(".Opened", StringComparison.Ordinal)
        || kind.EndsWith(".Assigned", StringComparison.Ordinal) || kind.EndsWith(".Submitted", StringComparison.Ordinal);
}

/// <summary>
/// The Enterprises module's own timeline events: changes to the enterprise, its contacts and assessments from the audit
/// trail (who, when, old → new), pilot cohorts joined and left (<c>Cohort.Joined</c>, <c>Cohort.Left</c>: the cohort's name as
/// subject, its name and joined-on date as labelled fields), consents granted and withdrawn, and the self-registration it came from.
/// As <see cref="IEnterpriseActivityProbe"/>: which of many enterprises have any of these after a moment.
/// </summary>
internal sealed class EnterpriseRecordTimelineSource(EnterprisesDb db, IStringLocalizer<EnterprisesText> text)
    : IEnterpriseTimelineSource, IEnterpriseActivityProbe
{
    public async Task<IReadOnlyDictionary<Guid, DateTimeOffset>> GetLatestActivityAsync(EnterpriseActivityQuery query,
        CancellationToken cancellationToken = default)
    {
        var since = query.Since;
        var latest = new Dictionary<Guid, DateTimeOffset>();
        void Note(Guid enterpriseId, DateTimeOffset? at)
        {
            if (at is { } t && t > since && (!latest.TryGetValue(enterpriseId, out var known) || t > known))
            {
                latest[enterpriseId] = t;
            }
        }

        // The audited records that belong to each enterprise (as in GetEventsAsync): itself, its contacts, assessments and cohort
        // memberships (left ones included), by their id as the audit trail writes it.
        var owners = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var id in query.EnterpriseIds)
        {
            owners[id.ToString()] = id;
        }

        foreach (var (contactId, enterpriseId) in query.ContactEnterprises)
        {
            owners[contactId.ToString()] = enterpriseId;
        }

        var max = EnterpriseActivityQuery.MaxIdsPerQuery;
        foreach (var chunk in query.EnterpriseIds.Distinct().Chunk(max))
        {
            foreach (var a in await db.MaturityAssessments.AsNoTracking().Where(a => chunk.Contains(a.EnterpriseId))
                         .Select(a => new { a.Id, a.EnterpriseId }).ToListAsync(cancellationToken))
            {
                owners[a.Id.ToString()] = a.EnterpriseId;
            }

            foreach (var c in await db.CohortMemberships.IgnoreQueryFilters().AsNoTracking().Where(c => chunk.Contains(c.EnterpriseId))
                         .Select(c => new { c.Id, c.EnterpriseId }).ToListAsync(cancellationToken))
            {
                owners[c.Id.ToString()] = c.EnterpriseId;
            }

            foreach (var r in await db.Registrations.AsNoTracking()
                         .Where(r => r.EnterpriseId != null && chunk.Contains(r.EnterpriseId.Value)
                                     && (r.SubmittedAt > since || r.EmailConfirmedAt > since
                                         || (r.ReviewedAt > since && (r.Status == RegistrationStatus.Approved || r.Status == RegistrationStatus.Rejected))))
                         .Select(r => new { r.EnterpriseId, r.SubmittedAt, r.EmailConfirmedAt, r.ReviewedAt, r.Status })
                         .ToListAsync(cancellationToken))
            {
                Note(r.EnterpriseId!.Value, r.SubmittedAt);
                Note(r.EnterpriseId!.Value, r.EmailConfirmedAt);
                Note(r.EnterpriseId!.Value, r.Status is RegistrationStatus.Approved or RegistrationStatus.Rejected ? r.ReviewedAt : null);
            }
        }

        foreach (var chunk in owners.Keys.Chunk(max))
        {
            foreach (var a in await db.Context.Set<AuditLogEntry>().AsNoTracking()
                         .Where(a => AuditedTypes.Contains(a.EntityType) && chunk.Contains(a.EntityId) && a.At > since)
                         .Select(a => new { a.EntityId, a.At }).ToListAsync(cancellationToken))
            {
                Note(owners[a.EntityId], a.At);
            }
        }

        foreach (var chunk in query.ContactEnterprises.Keys.Chunk(max))
        {
            foreach (var k in await db.ContactConsents.AsNoTracking()
                         .Where(k => chunk.Contains(k.ContactId) && (k.GrantedAt > since || k.WithdrawnAt > since))
                         .Select(k => new { k.ContactId, k.GrantedAt, k.WithdrawnAt }).ToListAsync(cancellationToken))
            {
                Note(query.ContactEnterprises[k.ContactId], k.GrantedAt);
                Note(query.ContactEnterprises[k.ContactId], k.WithdrawnAt);
            }
        }

        return latest;
    }

    /// <summary>
    /// Enum-valued columns of the audited entities (stored in the audit trail as numbers): column → enum type and the resource key
    /// prefix of its value names (<see cref="EnterprisesText"/>). Their old and new values are shown as localized names.
    /// </summary>
    private static readonly Dictionary<string, (Type Enum, string Prefix)> EnumFields = new(StringComparer.Ordinal)
    {
        ["LegalForm"] = (typeof(LegalForm), "LegalForm"),
        ["Size"] = (typeof(EnterpriseSize), "Size"),
        ["ProgrammeStatus"] = (typeof(ProgrammeStatus), "ProgrammeStatus"),
    };

    /// <summary>Audited entity types of this module that belong to one enterprise.</summary>
    private static readonly string[] AuditedTypes = ["Enterprise", "Contact", "MaturityAssessment", CohortType];

    /// <summary>Audit entity type of a cohort membership (<see cref="CohortMembership"/>).</summary>
    private const string CohortType = nameof(CohortMembership);

    /// <summary>Derived or technical columns that would only be noise in a change list.</summary>
    private static bool IsHiddenField(string name) =>
        name is "SearchText" or "IsDeleted" or "EnterpriseId"
        || name.EndsWith("Folded", StringComparison.Ordinal) || name.EndsWith("SortKey", StringComparison.Ordinal);

    public async Task<IReadOnlyList<EnterpriseTimelineEventDto>> GetEventsAsync(EnterpriseTimelineQuery query, CancellationToken cancellationToken = default)
    {
        var enterpriseId = query.EnterpriseId;
        var contacts = await db.Contacts.IgnoreQueryFilters().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId)
            .Select(c => new { c.Id, c.FullName }).ToListAsync(cancellationToken);
        var contactNames = contacts.ToDictionary(c => c.Id.ToString(), c => c.FullName);
        var assessmentIds = await db.MaturityAssessments.AsNoTracking().Where(a => a.EnterpriseId == enterpriseId)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        // Memberships the enterprise left are soft-deleted: read them too, their joining and leaving stay in its history.
        var cohorts = await db.CohortMemberships.IgnoreQueryFilters().AsNoTracking().Where(c => c.EnterpriseId == enterpriseId)
            .Select(c => new { c.Id, c.CohortName, c.JoinedOn }).ToListAsync(cancellationToken);
        var cohortsById = cohorts.ToDictionary(c => c.Id.ToString(), c => (c.CohortName, c.JoinedOn));
        var ids = new List<string> { enterpriseId.ToString() };
        ids.AddRange(contactNames.Keys);
        ids.AddRange(assessmentIds.Select(a => a.ToString()));
        ids.AddRange(cohortsById.Keys);

        var audit = await db.Context.Set<AuditLogEntry>().AsNoTracking()
            .Where(a => AuditedTypes.Contains(a.EntityType) && ids.Contains(a.EntityId))
            .OrderByDescending(a => a.At).Take(query.MaxEvents)
            .ToListAsync(cancellationToken);

        var parsed = audit.Select(a => (Entry: a, Changes: ParseChanges(a.Changes))).ToList();
        var names = await NamesAsync(parsed.SelectMany(p => p.Changes), cancellationToken);
        var events = new List<EnterpriseTimelineEventDto>();
        foreach (var (a, changes) in parsed)
        {
            if (a.EntityType == CohortType && cohortsById.TryGetValue(a.EntityId, out var cohort))
            {
                events.Add(CohortEvent(a, cohort.CohortName, cohort.JoinedOn, changes, names));
                continue;
            }

            events.Add(new EnterpriseTimelineEventDto
            {
                At = a.At,
                Category = TimelineCategory.Change,
                Kind = "Audit." + a.Action,
                Subject = a.EntityType,
                Detail = a.EntityType == "Contact" && contactNames.TryGetValue(a.EntityId, out var name) ? name : null,
                ActorId = a.UserId,
                ActorName = a.UserName,
                Changes = changes.Select(c => Show(a.EntityType, c, names)).ToList(),
                ReferenceId = Guid.TryParse(a.EntityId, out var rid) ? rid : null,
            });
        }

        var contactGuids = contacts.Select(c => c.Id).ToList();
        var consents = await db.ContactConsents.AsNoTracking().Where(k => contactGuids.Contains(k.ContactId))
            .OrderByDescending(k => k.GrantedAt).Take(query.MaxEvents)
            .Select(k => new { k.ContactId, k.Purpose, k.GrantedAt, k.GrantedVia, k.WithdrawnAt, k.WithdrawnVia })
            .ToListAsync(cancellationToken);
        var namesById = contacts.ToDictionary(c => c.Id, c => c.FullName);
        foreach (var k in consents)
        {
            events.Add(new EnterpriseTimelineEventDto
            {
                At = k.GrantedAt, Category = TimelineCategory.Change, Kind = "Consent.Granted", Subject = namesById.GetValueOrDefault(k.ContactId),
                Status = k.Purpose.ToString(), Detail = k.GrantedVia, ReferenceId = k.ContactId,
            });
            if (k.WithdrawnAt is { } withdrawn)
            {
                events.Add(new EnterpriseTimelineEventDto
                {
                    At = withdrawn, Category = TimelineCategory.Change, Kind = "Consent.Withdrawn", Subject = namesById.GetValueOrDefault(k.ContactId),
                    Status = k.Purpose.ToString(), Detail = k.WithdrawnVia, ReferenceId = k.ContactId,
                });
            }
        }

        var registrations = await db.Registrations.AsNoTracking().Where(r => r.EnterpriseId == enterpriseId)
            .Select(r => new { r.Id, r.Name, r.SubmittedAt, r.EmailConfirmedAt, r.ReviewedAt, r.ReviewedBy, r.Status, r.RejectionReason, r.ContactFullName })
            .ToListAsync(cancellationToken);
        foreach (var r in registrations)
        {
            events.Add(new EnterpriseTimelineEventDto
            {
                At = r.SubmittedAt, Category = TimelineCategory.Registration, Kind = "Registration.Submitted", Subject = r.Name,
                Detail = r.ContactFullName, ReferenceId = r.Id,
            });
            if (r.EmailConfirmedAt is { } confirmed)
            {
                events.Add(new EnterpriseTimelineEventDto
                {
                    At = confirmed, Category = TimelineCategory.Registration, Kind = "Registration.Confirmed", Subject = r.Name, ReferenceId = r.Id,
                });
            }

            if (r.ReviewedAt is { } reviewed && r.Status is RegistrationStatus.Approved or RegistrationStatus.Rejected)
            {
                events.Add(new EnterpriseTimelineEventDto
                {
                    At = reviewed, Category = TimelineCategory.Registration, Kind = "Registration." + r.Status, Subject = r.Name,
                    Status = r.Status.ToString(), Detail = r.RejectionReason, ActorId = r.ReviewedBy, ReferenceId = r.Id,
                });
            }
        }

        return events;
    }

    /// <summary>
    /// A cohort membership's audit entry as a timeline event: its creation is <c>Cohort.Joined</c> (the name and joined-on date it was
    /// given, old → new), its (soft) deletion <c>Cohort.Left</c> (the name and joined-on date it had, old → none); anything else keeps
    /// its <c>Audit.*</c> kind. The subject is the cohort's name; who and when come from the audit entry.
    /// </summary>
    private EnterpriseTimelineEventDto CohortEvent(AuditLogEntry a, string cohortName, DateOnly joinedOn, List<RawChange> changes, PlaceNames names)
    {
        var kind = a.Action switch
        {
            "Created" => "Cohort.Joined",
            "Deleted" => "Cohort.Left",
            _ => "Audit." + a.Action,
        };
        IReadOnlyList<TimelineFieldChangeDto> shown = a.Action == "Deleted"
            ?
            [
                new TimelineFieldChangeDto("CohortName", cohortName, null, Label("CohortName")),
                new TimelineFieldChangeDto("JoinedOn", joinedOn.ToString("d", System.Globalization.CultureInfo.CurrentCulture), null, Label("JoinedOn")),
            ]
            : changes.Select(c => Show(CohortType, c, names)).ToList();
        return new EnterpriseTimelineEventDto
        {
            At = a.At,
            Category = TimelineCategory.Change,
            Kind = kind,
            Subject = cohortName,
            ActorId = a.UserId,
            ActorName = a.UserName,
            Changes = shown,
            ReferenceId = Guid.TryParse(a.EntityId, out var id) ? id : null,
        };
    }

    /// <summary>The field's label in the current UI culture, or null when there is none.</summary>
    private string? Label(string field)
    {
        var label = text[$"TimelineField.{field}"];
        return label.ResourceNotFound ? null : label.Value;
    }

    /// <summary>Columns holding an amount of money in VND, shown as a grouped whole number with ₫.</summary>
    private static readonly HashSet<string> MoneyFields = new(StringComparer.Ordinal) { "AnnualRevenueVnd", "CapitalVnd" };

    /// <summary>Columns holding a date (<see cref="DateOnly"/>), stored as <c>yyyy-MM-dd</c>.</summary>
    private static readonly HashSet<string> DateFields = new(StringComparer.Ordinal) { "AssessedOn", "JoinedOn" };

    /// <summary>One field of an audit entry's changes, with its stored values.</summary>
    private sealed record RawChange(string Field, JsonElement? Old, JsonElement? New);

    /// <summary>Names of the places the changes refer to: current communes/wards, provinces, and pre-2025 communes/wards.</summary>
    private sealed record PlaceNames(Dictionary<int, string> Wards, Dictionary<int, string> Provinces, Dictionary<int, string> OldWards);

    private static List<RawChange> ParseChanges(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var list = new List<RawChange>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (IsHiddenField(p.Name) || p.Value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                list.Add(new RawChange(p.Name,
                    p.Value.TryGetProperty("old", out var o) ? o.Clone() : null,
                    p.Value.TryGetProperty("new", out var n) ? n.Clone() : null));
            }

            return list;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Loads the names of the communes/wards and provinces the changes refer to (one query per kind, only the codes used).</summary>
    private async Task<PlaceNames> NamesAsync(IEnumerable<RawChange> changes, CancellationToken ct)
    {
        var wards = new HashSet<int>();
        var oldWards = new HashSet<int>();
        var provinces = new HashSet<int>();
        foreach (var c in changes)
        {
            var set = c.Field switch
            {
                "WardCode" => wards,
                "OldWardCode" => oldWards,
                "ProvinceCode" => provinces,
                _ => null,
            };
            foreach (var v in new[] { c.Old, c.New })
            {
                if (set is not null && v is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var code))
                {
                    set.Add(code);
                }
            }
        }

        var wardNames = wards.Count == 0 ? [] : await db.Wards.AsNoTracking().Where(w => wards.Contains(w.Code))
            .ToDictionaryAsync(w => w.Code, w => w.Name, ct);
        var provinceNames = provinces.Count == 0 ? [] : await db.Provinces.AsNoTracking().Where(p => provinces.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var oldWardNames = new Dictionary<int, string>();
        if (oldWards.Count > 0)
        {
            foreach (var w in await db.WardConversions.AsNoTracking().Where(w => oldWards.Contains(w.OldWardCode))
                         .Select(w => new { w.OldWardCode, w.OldWardName, w.OldDistrictName, w.OldProvinceName }).ToListAsync(ct))
            {
                oldWardNames.TryAdd(w.OldWardCode, string.Join(", ", new[] { w.OldWardName, w.OldDistrictName, w.OldProvinceName }
                    .Where(x => !string.IsNullOrWhiteSpace(x))));
            }
        }

        return new PlaceNames(wardNames, provinceNames, oldWardNames);
    }

    /// <summary>The change as shown in the current UI culture: the field's label and its values (see <see cref="TimelineFieldChangeDto"/>).</summary>
    private TimelineFieldChangeDto Show(string entityType, RawChange change, PlaceNames names)
    {
        var enumField = entityType == "Enterprise" && EnumFields.TryGetValue(change.Field, out var ef) ? ef : default((Type, string)?);
        var label = text[$"TimelineField.{change.Field}"];
        return new TimelineFieldChangeDto(change.Field,
            change.Old is { } o ? Value(change.Field, o, enumField, names) : null,
            change.New is { } n ? Value(change.Field, n, enumField, names) : null,
            label.ResourceNotFound ? null : label.Value);
    }

    /// <summary>
    /// The value as shown: an enum column's number as its localized name (current UI culture), a commune/ward or province code as its
    /// name, an amount as a grouped whole number with ₫ and a date as a date (current culture), anything else as stored.
    /// </summary>
    private string? Value(string field, JsonElement value, (Type Enum, string Prefix)? enumField, PlaceNames names)
    {
        if (enumField is { } f && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            && Enum.GetName(f.Enum, Enum.ToObject(f.Enum, number)) is { } name)
        {
            var localized = text[$"{f.Prefix}.{name}"];
            return localized.ResourceNotFound ? name : localized.Value;
        }

        var culture = System.Globalization.CultureInfo.CurrentCulture;
        if (value.ValueKind == JsonValueKind.Number)
        {
            if (value.TryGetInt32(out var code))
            {
                var place = field switch
                {
                    "WardCode" => names.Wards.GetValueOrDefault(code),
                    "ProvinceCode" => names.Provinces.GetValueOrDefault(code),
                    "OldWardCode" => names.OldWards.GetValueOrDefault(code),
                    _ => null,
                };
                if (place is not null)
                {
                    return place;
                }
            }

            if (MoneyFields.Contains(field) && value.TryGetDecimal(out var amount))
            {
                return decimal.Round(amount, 0, MidpointRounding.AwayFromZero).ToString("#,0", culture) + " ₫";
            }
        }

        if (DateFields.Contains(field) && value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var date))
        {
            return date.ToString("d", culture);
        }

        return Text(value);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
