using System.Net.Mail;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Application;
using SmeSupport.Emailing;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Reporting.Domain;
using SmeSupport.Reporting.Persistence;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Application;

/// <summary>Staff reports: any report, any allowed filter, any column.</summary>
internal sealed class ReportAppService(ReportEngine engine) : IReportAppService
{
    public IReadOnlyList<ReportDefinitionDto> GetDefinitions() => ReportCatalog.All.Select(d => d.Dto).ToList();

    public Task<ReportResultDto> RunAsync(string key, ReportQueryDto query, CancellationToken cancellationToken = default) =>
        RunAsync(key, query, paged: true, cancellationToken);

    public async Task<ReportFileDto> ExportAsync(string key, ReportQueryDto query, ReportFormat format, CancellationToken cancellationToken = default) =>
        ReportExporter.Export(await RunAsync(key, query, paged: false, cancellationToken), format);

    private async Task<ReportResultDto> RunAsync(string key, ReportQueryDto query, bool paged, CancellationToken cancellationToken)
    {
        var def = ReportCatalog.Find(key) ?? throw new EntityNotFoundException("Report", key);
        var errors = new FieldErrors();
        var filter = await engine.ParseFiltersAsync(def, query, errors, cancellationToken);
        var columns = ReportEngine.ParseColumns(def, query.Columns, errors);
        var paging = ReportEngine.ParsePaging(query, errors);
        errors.ThrowIfAny();
        return await engine.RunAsync(def, filter, columns, paged ? paging : null, cancellationToken);
    }
}

/// <summary>Partner organizations and their users.</summary>
internal sealed partial class PartnerOrganizationAppService(ReportingDb db, IPartnerAccountService accounts) : IPartnerOrganizationAppService
{
    public async Task<IReadOnlyList<PartnerOrganizationDto>> GetListAsync(CancellationToken cancellationToken = default) =>
        (await db.PartnerOrganizations.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.CurrentCulture)
        .Select(ToDto).ToList();

    public async Task<PartnerOrganizationDto> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        ToDto(await FindAsync(id, cancellationToken));

    public async Task<PartnerOrganizationDto> CreateAsync(SavePartnerOrganizationDto input, CancellationToken cancellationToken = default)
    {
        var org = new PartnerOrganization();
        await ApplyAsync(org, input, cancellationToken);
        db.PartnerOrganizations.Add(org);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(org);
    }

    public async Task<PartnerOrganizationDto> UpdateAsync(Guid id, SavePartnerOrganizationDto input, CancellationToken cancellationToken = default)
    {
        var org = await db.PartnerOrganizations.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new EntityNotFoundException("PartnerOrganization", id);
        await ApplyAsync(org, input, cancellationToken);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(org);
    }

    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var org = await db.PartnerOrganizations.FirstOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new EntityNotFoundException("PartnerOrganization", id);
        if (await db.SharedReports.AnyAsync(s => s.PartnerOrganizationId == id, cancellationToken)
            || (await accounts.ListPartnerUsersAsync(id, cancellationToken)).Count > 0)
        {
            throw new ConflictException("SmeSupport:Reporting:PartnerInUse", "The organization has shares or users; revoke and remove them first.");
        }

        db.PartnerOrganizations.Remove(org);
        await db.Context.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PartnerUserDto>> GetUsersAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await FindAsync(id, cancellationToken);
        return (await accounts.ListPartnerUsersAsync(id, cancellationToken)).Select(u => new PartnerUserDto(u.Id, u.Email, u.FullName)).ToList();
    }

    public async Task<PartnerUserDto> InviteUserAsync(Guid id, InvitePartnerUserDto input, string setPasswordUrlBase, CancellationToken cancellationToken = default)
    {
        await FindAsync(id, cancellationToken);
        var errors = new FieldErrors();
        var email = input.Email?.Trim();
        if (!IsEmail(email))
        {
            errors.Add("email", ReportingText.Get("Field.EmailRequired"));
        }

        if (input.FullName is { Length: > 200 })
        {
            errors.Add("fullName", ReportingText.Get("Field.FullNameTooLong"));
        }

        errors.ThrowIfAny();
        var user = await accounts.CreatePartnerUserAsync(email!, input.FullName, id, setPasswordUrlBase, cancellationToken);
        return new PartnerUserDto(user.Id, user.Email, user.FullName);
    }

    private async Task<PartnerOrganization> FindAsync(Guid id, CancellationToken ct) =>
        await db.PartnerOrganizations.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new EntityNotFoundException("PartnerOrganization", id);

    private async Task ApplyAsync(PartnerOrganization org, SavePartnerOrganizationDto input, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var name = input.Name?.Trim();
        var code = input.Code?.Trim();
        var email = input.ContactEmail?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > PartnerOrganization.NameMaxLength)
        {
            errors.Add("name", ReportingText.Get("Field.NameRequired"));
        }

        if (string.IsNullOrEmpty(code) || code.Length > PartnerOrganization.CodeMaxLength || !CodePattern().IsMatch(code))
        {
            errors.Add("code", ReportingText.Get("Field.CodeFormat"));
        }

        if (!IsEmail(email) || email!.Length > PartnerOrganization.EmailMaxLength)
        {
            errors.Add("contactEmail", ReportingText.Get("Field.ContactEmailRequired"));
        }

        errors.ThrowIfAny();
        var normalized = code!.ToUpperInvariant();
        if (await db.PartnerOrganizations.AnyAsync(p => p.CodeNormalized == normalized && p.Id != org.Id, ct))
        {
            throw new BusinessException(ReportingErrorCodes.DuplicatePartnerCode, $"A partner organization with code {code} exists.", 409,
                new Dictionary<string, string[]> { ["code"] = [ReportingText.Get("Field.CodeTaken")] })
            {
                MessageArgs = [code],
            };
        }

        org.Name = name!;
        org.Code = code;
        org.CodeNormalized = normalized;
        org.ContactEmail = email!;
    }

    private static bool IsEmail(string? s) => !string.IsNullOrWhiteSpace(s) && s.Length <= 256 && MailAddress.TryCreate(s, out var a) && a.Address == s;

    private static PartnerOrganizationDto ToDto(PartnerOrganization p) => new(p.Id, p.Name, p.Code, p.ContactEmail, p.CreatedAt);

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex CodePattern();
}

/// <summary>Shares: create, list, revoke (staff).</summary>
internal sealed class SharedReportAppService(ReportingDb db, ReportEngine engine, ICurrentUser currentUser, TimeProvider clock) : ISharedReportAppService
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SharedReportDto>> GetListAsync(Guid? partnerOrganizationId, CancellationToken cancellationToken = default)
    {
        var q = db.SharedReports.AsNoTracking();
        if (partnerOrganizationId is { } org)
        {
            q = q.Where(s => s.PartnerOrganizationId == org);
        }

        var rows = await q.ToListAsync(cancellationToken);
        var names = await db.PartnerOrganizations.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        return rows.OrderByDescending(s => s.CreatedAt).Select(s => ToDto(s, names.GetValueOrDefault(s.PartnerOrganizationId, ""), clock)).ToList();
    }

    public async Task<SharedReportDto> CreateAsync(CreateSharedReportDto input, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var def = ReportCatalog.Find(input.ReportKey);
        if (def is null)
        {
            errors.Add("reportKey", ReportingText.Get("Field.UnknownReport"));
        }

        PartnerOrganization? org = null;
        if (input.PartnerOrganizationId is not { } orgId)
        {
            errors.Add("partnerOrganizationId", ReportingText.Get("Field.PartnerRequired"));
        }
        else if ((org = await db.PartnerOrganizations.AsNoTracking().FirstOrDefaultAsync(p => p.Id == orgId, cancellationToken)) is null)
        {
            errors.Add("partnerOrganizationId", ReportingText.Get("Field.UnknownPartner"));
        }

        if (input.ExpiresOn is { } exp && exp < VietnamTime.Today(clock))
        {
            errors.Add("expiresOn", ReportingText.Get("Field.ExpiryInPast"));
        }

        ReportFilterDto filter = new();
        List<string> columns = [];
        if (def is not null)
        {
            filter = await engine.ParseFiltersAsync(def, input.Filters ?? new ReportQueryDto(), errors, cancellationToken);
            if (input.Columns is not null && input.Columns.Any(c => string.IsNullOrWhiteSpace(c) || c.Contains(',', StringComparison.Ordinal)))
            {
                // A null, empty or comma-joined entry would vanish or split in the comma-joined form below.
                errors.Add("columns", ReportingText.Get("Field.ColumnEntries"));
            }
            else
            {
                columns = ReportEngine.ParseColumns(def, input.Columns is null ? null : string.Join(',', input.Columns), errors) ?? [];
            }

            if (columns.Count == 0 && !errors.Has("columns"))
            {
                errors.Add("columns", ReportingText.Get("Field.ShareOneColumn"));
            }

            if (filter.Period is { } p && string.CompareOrdinal(p, engine.CurrentMonth()) > 0)
            {
                errors.Add("filters.period", ReportingText.Get("Field.FuturePeriod"));
            }
        }

        errors.ThrowIfAny();
        var share = new SharedReport
        {
            ReportKey = def!.Key,
            PartnerOrganizationId = org!.Id,
            FiltersJson = JsonSerializer.Serialize(filter, Json),
            Columns = string.Join(',', columns),
            ExpiresOn = input.ExpiresOn,
            MonthlyEmail = input.MonthlyEmail,
        };
        db.SharedReports.Add(share);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(share, org.Name, clock);
    }

    public Task<SharedReportDto> RevokeAsync(Guid id, CancellationToken cancellationToken = default) => RevokeAsync(id, 1, cancellationToken);

    /// <summary>
    /// Revokes once and answers idempotently: revoking a share that is already revoked changes nothing and returns it as stored (its
    /// first <see cref="SharedReport.RevokedAt"/>), also for the losers of a race (the concurrency conflict is caught and the share read
    /// again; any other concurrent change is retried up to three times). So exactly one revocation is recorded (one audit entry).
    /// </summary>
    private async Task<SharedReportDto> RevokeAsync(Guid id, int attempt, CancellationToken cancellationToken)
    {
        var share = await db.SharedReports.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new EntityNotFoundException("SharedReport", id);
        if (share.RevokedAt is null)
        {
            share.RevokedAt = clock.GetUtcNow();
            share.RevokedBy = currentUser.Id;
            try
            {
                await db.Context.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Lost a race with another revoke (or edit): read the share again and decide as if this request had come second.
                db.Context.ChangeTracker.Clear();
                var stored = await db.SharedReports.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
                             ?? throw new EntityNotFoundException("SharedReport", id);
                if (stored.RevokedAt is null)
                {
                    if (attempt < 3)
                    {
                        return await RevokeAsync(id, attempt + 1, cancellationToken);
                    }

                    throw;
                }

                share = stored;
            }
        }

        var name = await db.PartnerOrganizations.Where(p => p.Id == share.PartnerOrganizationId).Select(p => p.Name).FirstOrDefaultAsync(cancellationToken);
        return ToDto(share, name ?? "", clock);
    }

    internal static bool IsActive(SharedReport s, TimeProvider clock) =>
        s.RevokedAt is null && (s.ExpiresOn is not { } e || e >= VietnamTime.Today(clock));

    internal static ReportFilterDto Filters(SharedReport s) => JsonSerializer.Deserialize<ReportFilterDto>(s.FiltersJson, Json) ?? new ReportFilterDto();

    internal static SharedReportDto ToDto(SharedReport s, string orgName, TimeProvider clock)
    {
        var def = ReportCatalog.Find(s.ReportKey);
        return new SharedReportDto(s.Id, s.ReportKey, def?.Dto.TitleVi ?? s.ReportKey, def?.Dto.TitleEn ?? s.ReportKey, s.PartnerOrganizationId, orgName,
            Filters(s), s.Columns.Split(',', StringSplitOptions.RemoveEmptyEntries), s.ExpiresOn, s.RevokedAt, s.MonthlyEmail, IsActive(s, clock), s.CreatedAt);
    }
}

/// <summary>
/// What a TaxPartner user sees: the shares of the user's organization (read from the database on every call, so a revocation
/// takes effect on the next request), only the shared columns, under the share's fixed filters. Every view and export is logged.
/// </summary>
internal sealed class PartnerReportAppService(ReportingDb db, ReportEngine engine, ICurrentUser currentUser, TimeProvider clock) : IPartnerReportAppService
{
    public async Task<IReadOnlyList<SharedReportDto>> GetSharesAsync(CancellationToken cancellationToken = default)
    {
        var org = OrgId();
        var rows = await db.SharedReports.AsNoTracking().Where(s => s.PartnerOrganizationId == org && s.RevokedAt == null).ToListAsync(cancellationToken);
        var name = await OrgNameAsync(org, cancellationToken);
        return rows.Where(s => SharedReportAppService.IsActive(s, clock)).OrderByDescending(s => s.CreatedAt)
            .Select(s => SharedReportAppService.ToDto(s, name, clock)).ToList();
    }

    public async Task<SharedReportDto> GetShareAsync(Guid shareId, CancellationToken cancellationToken = default)
    {
        var share = await FindActiveAsync(shareId, "View", new ReportQueryDto(), cancellationToken);
        return SharedReportAppService.ToDto(share, await OrgNameAsync(share.PartnerOrganizationId, cancellationToken), clock);
    }

    public async Task<ReportResultDto> RunAsync(Guid shareId, ReportQueryDto query, CancellationToken cancellationToken = default)
    {
        var (share, result) = await RunSharedAsync(shareId, query, "View", true, cancellationToken);
        await LogAsync(share, result, "View", cancellationToken);
        return result;
    }

    public async Task<ReportFileDto> ExportAsync(Guid shareId, ReportQueryDto query, ReportFormat format, CancellationToken cancellationToken = default)
    {
        var action = format == ReportFormat.Csv ? "ExportCsv" : "ExportXlsx";
        var (share, result) = await RunSharedAsync(shareId, query, action, false, cancellationToken);
        var file = ReportExporter.Export(result, format);
        await LogAsync(share, result, action, cancellationToken);
        return file;
    }

    private async Task<(SharedReport Share, ReportResultDto Result)> RunSharedAsync(Guid shareId, ReportQueryDto query, string action, bool paged,
        CancellationToken ct)
    {
        var share = await FindActiveAsync(shareId, action, query, ct);
        var def = ReportCatalog.Find(share.ReportKey) ?? throw new EntityNotFoundException("SharedReport", shareId);
        try
        {
            var result = await RunShareAsync(engine, share, def, query, paged, ct);
            return (share, result);
        }
        catch (BusinessException ex) when (ex.Code is ReportingErrorCodes.OutsideShare or ReportingErrorCodes.FuturePeriod)
        {
            var reason = ex.Code == ReportingErrorCodes.OutsideShare
                ? ReportAccessDenialReasons.OutsideShare + ": " + string.Join(", ", ex.Errors.Keys.Order(StringComparer.Ordinal))
                : ReportAccessDenialReasons.FuturePeriod;
            await LogDeniedAsync(shareId, share.ReportKey, action, query, reason, ct);
            throw;
        }
        catch (InputValidationException ex)
        {
            // A malformed request (bad period, page, column, filter value) is a refused attempt too: logged with the field names.
            var reason = ReportAccessDenialReasons.BadRequest + ": " + string.Join(", ", ex.Errors.Keys.Order(StringComparer.Ordinal));
            await LogDeniedAsync(shareId, share.ReportKey, action, query, reason, ct);
            throw;
        }
    }

    /// <summary>
    /// Runs a share: a requested filter must equal the share's fixed value (the period may be chosen when the share does not fix it);
    /// requested columns must be among the shared ones. Anything else → 403 <c>OutsideShare</c>; malformed values → 400.
    /// </summary>
    internal static async Task<ReportResultDto> RunShareAsync(ReportEngine engine, SharedReport share, ReportDefinition def, ReportQueryDto query,
        bool paged, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var fixedFilter = SharedReportAppService.Filters(share);
        var asked = await engine.ParseFiltersAsync(def, query, errors, communeMustExist: false, ct);
        var askedColumns = ReportEngine.ParseColumns(def, query.Columns, errors);
        var paging = ReportEngine.ParsePaging(query, errors);
        errors.ThrowIfAny();

        var shared = share.Columns.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var outside = new Dictionary<string, string[]>();
        void Check(string name, object? askedValue, object? fixedValue, bool mayChoose)
        {
            if (askedValue is not null && !Equals(askedValue, fixedValue) && !(mayChoose && fixedValue is null))
            {
                outside[name] = [ReportingText.Get("Field.FixedByShare")];
            }
        }

        Check(ReportFilterNames.Commune, asked.Commune, fixedFilter.Commune, false);
        Check(ReportFilterNames.Cohort, asked.Cohort?.ToUpperInvariant(), fixedFilter.Cohort?.ToUpperInvariant(), false);
        Check(ReportFilterNames.Size, asked.Size, fixedFilter.Size, false);
        Check(ReportFilterNames.LegalForm, asked.LegalForm, fixedFilter.LegalForm, false);
        Check(ReportFilterNames.Period, asked.Period, fixedFilter.Period, true);
        if (askedColumns is not null && askedColumns.Any(c => !shared.Contains(c)))
        {
            outside["columns"] = [ReportingText.Get("Field.OnlySharedColumns")];
        }

        if (outside.Count > 0)
        {
            throw new BusinessException(ReportingErrorCodes.OutsideShare, "The request asks for a filter or column outside the share.", 403, outside);
        }

        var effective = fixedFilter with { Period = fixedFilter.Period ?? asked.Period };
        return await engine.RunAsync(def, effective, askedColumns ?? shared, paged ? paging : null, ct);
    }

    private async Task LogAsync(SharedReport share, ReportResultDto result, string action, CancellationToken ct)
    {
        db.AccessLog.Add(new ReportAccessLogEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.Id,
            UserEmail = currentUser.Email ?? "",
            PartnerOrganizationId = share.PartnerOrganizationId,
            SharedReportId = share.Id,
            ReportKey = share.ReportKey,
            Filters = JsonSerializer.Serialize(new { result.Filters, columns = result.Columns.Select(c => c.Key) }, SharedReportAppService.Json),
            Action = action,
            Outcome = ReportAccessOutcomes.Allowed,
        });
        await db.Context.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Records a refused request: who, when, which share id (as asked), the filters and columns asked for, and why. Written in its own
    /// save (nothing else is pending on the context), before the refusal is thrown to the caller.
    /// </summary>
    private async Task LogDeniedAsync(Guid shareId, string reportKey, string action, ReportQueryDto query, string reason, CancellationToken ct)
    {
        // The caller's text is stored, each value cut to a bounded length (an attacker may send kilobytes of markup).
        static string? Cut(string? v) => v is { Length: > AskedValueMaxLength } ? v[..AskedValueMaxLength] + "…" : v;
        var asked = JsonSerializer.Serialize(new
        {
            filters = new { Commune = Cut(query.Commune), Cohort = Cut(query.Cohort), Size = Cut(query.Size), LegalForm = Cut(query.LegalForm), Period = Cut(query.Period) },
            columns = Cut(query.Columns),
            page = Cut(query.Page),
            pageSize = Cut(query.PageSize),
        }, SharedReportAppService.Json);
        db.Context.ChangeTracker.Clear();
        db.AccessLog.Add(new ReportAccessLogEntry
        {
            At = clock.GetUtcNow(),
            UserId = currentUser.Id,
            UserEmail = currentUser.Email ?? "",
            PartnerOrganizationId = OrgId(),
            SharedReportId = shareId,
            ReportKey = reportKey,
            Filters = asked.Length > 4000 ? asked[..4000] : asked,
            Action = action,
            Outcome = ReportAccessOutcomes.Denied,
            Reason = reason.Length > 300 ? reason[..300] : reason,
        });
        await db.Context.SaveChangesAsync(ct);
    }

    /// <summary>Longest query value kept in a denied access-log row (characters).</summary>
    private const int AskedValueMaxLength = 200;

    private Guid OrgId() => currentUser.PartnerOrganizationId ?? throw new ForbiddenException();

    /// <summary>The caller's organization's active share, else 404 — unknown id, another organization's, revoked or expired alike — logged as denied.</summary>
    private async Task<SharedReport> FindActiveAsync(Guid shareId, string action, ReportQueryDto query, CancellationToken ct)
    {
        var org = OrgId();
        var share = await db.SharedReports.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shareId, ct);
        var reason = share is null ? ReportAccessDenialReasons.NotFound
            : share.PartnerOrganizationId != org ? ReportAccessDenialReasons.OtherOrganization
            : share.RevokedAt is not null ? ReportAccessDenialReasons.Revoked
            : !SharedReportAppService.IsActive(share, clock) ? ReportAccessDenialReasons.Expired
            : null;
        if (reason is null)
        {
            return share!;
        }

        await LogDeniedAsync(shareId, share?.ReportKey ?? "", action, query, reason, ct);
        throw new EntityNotFoundException("SharedReport", shareId);
    }

    private async Task<string> OrgNameAsync(Guid org, CancellationToken ct) =>
        await db.PartnerOrganizations.Where(p => p.Id == org).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
}

/// <summary>The partners' access log for Admin.</summary>
internal sealed class ReportAccessLogAppService(ReportingDb db) : IReportAccessLogAppService
{
    /// <summary>The highest page number asked for (the log holds at most 20 million rows at 200 a page).</summary>
    internal const int MaxPage = 100_000;

    public async Task<PagedResultDto<ReportAccessLogEntryDto>> GetListAsync(Guid? sharedReportId, Guid? partnerOrganizationId, string? outcome, int page,
        int pageSize, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        string? wanted = null;
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            wanted = new[] { ReportAccessOutcomes.Allowed, ReportAccessOutcomes.Denied }
                .FirstOrDefault(o => string.Equals(o, outcome.Trim(), StringComparison.OrdinalIgnoreCase));
            if (wanted is null)
            {
                errors.Add("outcome", ReportingText.Get("Field.OutcomeValues"));
            }
        }

        if (page is < 1 or > MaxPage)
        {
            // Bounded: (page - 1) * pageSize must not overflow (2147483647 × 200 wrapped round to the first page).
            errors.Add("page", ReportingText.Get("Field.PageRange", MaxPage));
        }

        if (pageSize is < 1 or > 200)
        {
            errors.Add("pageSize", ReportingText.Get("Field.PageSizeRange", 200));
        }

        errors.ThrowIfAny();
        var q = db.AccessLog.AsNoTracking();
        if (sharedReportId is { } s)
        {
            q = q.Where(e => e.SharedReportId == s);
        }

        if (partnerOrganizationId is { } o)
        {
            q = q.Where(e => e.PartnerOrganizationId == o);
        }

        if (wanted is not null)
        {
            q = q.Where(e => e.Outcome == wanted);
        }

        var total = await q.CountAsync(cancellationToken);
        // SQLite cannot order by DateTimeOffset: ids are time-ordered (version 7), so order by id.
        var items = await q.OrderByDescending(e => e.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(e => new ReportAccessLogEntryDto(e.Id, e.At, e.UserId, e.UserEmail, e.PartnerOrganizationId, e.SharedReportId, e.ReportKey, e.Filters, e.Action, e.Outcome, e.Reason))
            .ToListAsync(cancellationToken);
        return new PagedResultDto<ReportAccessLogEntryDto>(items, total);
    }
}
