using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.Outreach.Application;

/// <summary>Templates, campaigns, runs and the manual send.</summary>
internal sealed class CampaignAppService(
    OutreachDb db,
    CampaignRunFactory runs,
    IDispatchTrigger dispatch,
    ICurrentUser currentUser,
    TimeProvider clock) : ICampaignAppService
{
    public async Task<IReadOnlyList<EmailTemplateDto>> GetTemplatesAsync(CancellationToken cancellationToken = default) =>
        (await db.EmailTemplates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken)).Select(EmailTemplateInput.ToDto).ToList();

    public async Task<EmailTemplateDto> CreateTemplateAsync(CreateEmailTemplateDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        EmailTemplateInput.Validate(input);
        var name = OutreachNames.Clean(input.Name);
        if (await OutreachNames.TakenAsync(db.EmailTemplates.Select(t => t.Name), name, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.DuplicateTemplateName, $"A template named '{name}' exists already.");
        }

        var template = new EmailTemplate();
        EmailTemplateInput.Apply(template, input);
        db.EmailTemplates.Add(template);
        await db.Context.SaveChangesAsync(cancellationToken);
        return EmailTemplateInput.ToDto(template);
    }

    public async Task<IReadOnlyList<CampaignDto>> GetCampaignsAsync(CancellationToken cancellationToken = default)
    {
        var campaigns = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var counts = await CountsAsync(db.OutboxMessages.AsNoTracking(), m => m.CampaignId, cancellationToken);
        return campaigns.Select(c => ToDto(c, counts.GetValueOrDefault(c.Id, OutreachCountsDto.Empty))).ToList();
    }

    public async Task<CampaignDto> GetCampaignAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var campaign = await db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
                       ?? throw new EntityNotFoundException("Campaign", id);
        var counts = await CountsAsync(db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == id), m => m.CampaignId, cancellationToken);
        return ToDto(campaign, counts.GetValueOrDefault(id, OutreachCountsDto.Empty));
    }

    public async Task<CampaignDto> CreateCampaignAsync(CreateCampaignDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var errors = new FieldErrors();
        var name = OutreachNames.Clean(input.Name);
        OutreachNames.Check(errors, "name", input.Name, Campaign.NameMaxLength);
        if (input.Purpose is null || !Enum.IsDefined(input.Purpose.Value))
        {
            errors.Add("purpose", OutreachText.Get("Purpose.Invalid"));
        }

        EmailTemplate? template = null;
        if (input.TemplateId is null)
        {
            errors.Add("templateId", OutreachText.Get("Campaign.TemplateRequired"));
        }
        else
        {
            template = await db.EmailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == input.TemplateId, cancellationToken);
            if (template is null)
            {
                errors.Add("templateId", OutreachText.Get("Campaign.NoTemplate"));
            }
            else if (input.Purpose is { } p && template.Purpose != p)
            {
                errors.Add("templateId", OutreachText.Get("Campaign.TemplatePurposeMismatch", template.Purpose, p));
            }
        }

        if (input.SegmentId is { } segmentId && !await db.Segments.AnyAsync(s => s.Id == segmentId, cancellationToken))
        {
            errors.Add("segmentId", OutreachText.Get("Campaign.NoSegment"));
        }

        var audience = (input.AudienceStatuses ?? []).Distinct().ToList();
        if (audience.Any(s => !Enum.IsDefined(s)))
        {
            errors.Add("audienceStatuses", OutreachText.Get("Campaign.UnknownProgrammeStatus"));
        }

        var (scheduledAt, cron, startsAt, endsAt) = ValidateSchedule(errors, new CampaignScheduleDto
        {
            ScheduledAtLocal = input.ScheduledAtLocal,
            Cron = input.Cron,
            RecurrenceStartLocal = input.RecurrenceStartLocal,
            RecurrenceEndLocal = input.RecurrenceEndLocal,
        }, clock.GetUtcNow());

        errors.ThrowIfAny();
        if (await OutreachNames.TakenAsync(db.Campaigns.Select(c => c.Name), name, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.DuplicateCampaignName, $"A campaign named '{name}' exists already.");
        }

        var campaign = new Campaign
        {
            Name = name,
            Purpose = input.Purpose!.Value,
            TemplateId = template!.Id,
            AudienceStatuses = audience.Count > 0 ? audience : [ProgrammeStatus.Pilot],
            ScheduledAt = scheduledAt,
            Cron = cron,
            SegmentId = input.SegmentId,
            RecurrenceStartsAt = startsAt,
            RecurrenceEndsAt = endsAt,
            Status = scheduledAt is null ? CampaignStatus.Draft : CampaignStatus.Scheduled,
        };
        db.Campaigns.Add(campaign);
        await db.Context.SaveChangesAsync(cancellationToken);
        return ToDto(campaign, OutreachCountsDto.Empty);
    }

    public async Task<IReadOnlyList<CampaignRunDto>> GetRunsAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            throw new EntityNotFoundException("Campaign", campaignId);
        }

        var list = await db.CampaignRuns.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .OrderByDescending(r => r.StartedAt).ToListAsync(cancellationToken);
        var counts = await CountsAsync(db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId), m => m.RunId, cancellationToken);
        return list.Select(r => new CampaignRunDto(r.Id, r.CampaignId, r.StartedAt, r.CompletedAt, r.Status,
            counts.GetValueOrDefault(r.Id, OutreachCountsDto.Empty))).ToList();
    }

    public async Task<CampaignSendAcceptedDto> SendAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                       ?? throw new EntityNotFoundException("Campaign", campaignId);
        var now = clock.GetUtcNow();
        var (run, recipients, skipped) = campaign.Cron is null
            ? await runs.StartAsync(campaign, CampaignRun.OnceKey, now, cancellationToken, refuseEmpty: true)
            : await runs.StartAsync(campaign, CampaignSchedule.ManualKeyOf(now), now, cancellationToken, refuseEmpty: true);
        if (recipients > 0)
        {
            dispatch.Trigger();
        }

        return new CampaignSendAcceptedDto(run.Id, recipients, skipped);
    }

    public Task<CampaignDto> PauseAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        TransitionAsync(campaignId, CampaignAction.Pause, _ => CampaignStatus.Paused, "Only a scheduled campaign can be paused.", cancellationToken);

    public Task<CampaignDto> ResumeAsync(Guid campaignId, CancellationToken cancellationToken = default) =>
        TransitionAsync(campaignId, CampaignAction.Resume, c =>
        {
            if (c.Cron is not null)
            {
                var now = clock.GetUtcNow();
                if (c.ScheduledAt is { } due && due <= now)
                {
                    // Occurrences missed while paused are not sent; the next one after now is.
                    c.ScheduledAt = CampaignSchedule.Next(c.Cron, now, c.RecurrenceStartsAt, c.RecurrenceEndsAt);
                }

                return CampaignStatus.Scheduled;
            }

            var sent = db.CampaignRuns.Any(r => r.CampaignId == c.Id);
            return c.ScheduledAt is null && !sent ? CampaignStatus.Draft : CampaignStatus.Scheduled;
        }, "Only a paused campaign can be resumed.", cancellationToken);

    public async Task<CampaignDto> CancelAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        var dto = await TransitionAsync(campaignId, CampaignAction.Cancel,
            _ => CampaignStatus.Cancelled, "A completed or cancelled campaign cannot be cancelled.", cancellationToken);
        // Nothing of a cancelled campaign goes out: its waiting messages are skipped (rows being sent right now settle).
        await db.OutboxMessages.Where(m => m.CampaignId == campaignId && m.Status == OutboxMessageStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxMessageStatus.Skipped)
                .SetProperty(m => m.LastError, "The campaign was cancelled."), cancellationToken);
        OutreachFiguresCache.Bump();
        return await GetCampaignAsync(dto.Id, cancellationToken);
    }

    public async Task<CampaignFiguresDto> GetFiguresAsync(Guid campaignId, CancellationToken cancellationToken = default)
    {
        if (!await db.Campaigns.AnyAsync(c => c.Id == campaignId, cancellationToken))
        {
            throw new EntityNotFoundException("Campaign", campaignId);
        }

        var runList = await db.CampaignRuns.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .OrderByDescending(r => r.StartedAt).ToListAsync(cancellationToken);
        var perRun = await OutreachFigures.ByRunAsync(db.OutboxMessages.AsNoTracking().Where(m => m.CampaignId == campaignId), cancellationToken);
        var runs = runList.Select(r => new CampaignRunFiguresDto(r.Id, r.OccurrenceKey, r.StartedAt, r.Status,
            perRun.GetValueOrDefault(r.Id, OutreachFigures.Empty))).ToList();
        return new CampaignFiguresDto(campaignId, OutreachFigures.Sum(runs.Select(r => r.Figures)), runs);
    }

    /// <summary>
    /// Changes the status with the check in the UPDATE itself (WHERE Status IN allowed), so two staff members or two
    /// nodes cannot both make conflicting changes.
    /// </summary>
    private async Task<CampaignDto> TransitionAsync(Guid campaignId, CampaignAction action, Func<Campaign, CampaignStatus> target,
        string refusal, CancellationToken cancellationToken)
    {
        RequirePermission(OutreachPermissions.Manage);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                       ?? throw new EntityNotFoundException("Campaign", campaignId);
        if (!CampaignStateMachine.Allows(campaign.Status, action))
        {
            throw new ConflictException(OutreachErrorCodes.CampaignStatusConflict, $"{refusal} It is {campaign.Status}.");
        }

        var from = campaign.Status;
        var to = target(campaign);
        var next = campaign.ScheduledAt;
        var changed = await db.Campaigns.Where(c => c.Id == campaignId && c.Status == from)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Status, to)
                .SetProperty(c => c.ScheduledAt, next)
                .SetProperty(c => c.ModifiedAt, clock.GetUtcNow())
                .SetProperty(c => c.ConcurrencyStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        OutreachFiguresCache.Bump();
        if (changed == 0)
        {
            // Someone else changed the status meanwhile: the same change made twice (two clicks, two tabs) succeeds once and
            // answers the result to both; anything else is the module's own 409.
            db.Context.ChangeTracker.Clear();
            var now = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => (CampaignStatus?)c.Status)
                .FirstOrDefaultAsync(cancellationToken) ?? throw new EntityNotFoundException("Campaign", campaignId);
            if (now != to)
            {
                throw new ConflictException(OutreachErrorCodes.CampaignStatusConflict, $"{refusal} Its status changed meanwhile (now {now}).");
            }
        }

        db.Context.ChangeTracker.Clear();
        return await GetCampaignAsync(campaignId, cancellationToken);
    }

    /// <summary>
    /// Checks a schedule (create and edit share it) and computes its first due instant. Errors go to
    /// <paramref name="errors"/> under the input's field names.
    /// </summary>
    internal static (DateTimeOffset? ScheduledAt, string? Cron, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt) ValidateSchedule(
        FieldErrors errors, CampaignScheduleDto input, DateTimeOffset now)
    {
        DateTimeOffset? scheduledAt = null;
        DateTimeOffset? startsAt = null, endsAt = null;
        var cron = string.IsNullOrWhiteSpace(input.Cron) ? null : input.Cron.Trim();
        if (cron is not null)
        {
            if (input.ScheduledAtLocal is not null)
            {
                errors.Add("scheduledAtLocal", OutreachText.Get("Schedule.OneOffOrCron"));
            }

            var parsed = CampaignSchedule.TryParse(cron) is not null;
            if (!parsed)
            {
                errors.Add("cron", OutreachText.Get("Schedule.CronInvalid"));
            }

            startsAt = ReadLocal(errors, input.RecurrenceStartLocal, "recurrenceStartLocal");
            endsAt = ReadLocal(errors, input.RecurrenceEndLocal, "recurrenceEndLocal");
            if (errors.Has("recurrenceEndLocal") || errors.Has("recurrenceStartLocal"))
            {
                // Already refused: an offset, a Z or a time beyond the last schedulable day.
            }
            else if (endsAt is null)
            {
                errors.Add("recurrenceEndLocal", OutreachText.Get("Schedule.EndRequired"));
            }
            else if (endsAt <= now)
            {
                errors.Add("recurrenceEndLocal", OutreachText.Get("Schedule.EndInPast"));
            }
            else if (startsAt is { } st && endsAt <= st)
            {
                errors.Add("recurrenceEndLocal", OutreachText.Get("Schedule.EndBeforeStart"));
            }

            if (parsed && endsAt is not null && !errors.Has("recurrenceEndLocal"))
            {
                scheduledAt = CampaignSchedule.Next(cron, now, startsAt, endsAt);
                if (scheduledAt is null)
                {
                    errors.Add("cron", OutreachText.Get("Schedule.CronNeverFires"));
                }
            }
        }
        else if (input.RecurrenceStartLocal is not null || input.RecurrenceEndLocal is not null)
        {
            errors.Add("cron", OutreachText.Get("Schedule.CronRequired"));
        }

        if (cron is null && input.ScheduledAtLocal is not null)
        {
            // The schedule is a Vietnam wall-clock time (UTC+7, no daylight saving); stored in UTC.
            scheduledAt = ReadLocal(errors, input.ScheduledAtLocal, "scheduledAtLocal");
            if (scheduledAt is not null && scheduledAt <= now)
            {
                errors.Add("scheduledAtLocal", OutreachText.Get("Schedule.InPast"));
            }
        }

        return (scheduledAt, cron, startsAt, endsAt);
    }

    /// <summary>
    /// Reads a Vietnam wall-clock field: refuses a value that carried an offset or a <c>Z</c> (System.Text.Json gives it a
    /// <see cref="DateTimeKind"/> other than Unspecified, converted to the server's zone) and one after
    /// <see cref="CampaignSchedule.LatestLocal"/>; null (with an error under <paramref name="field"/>) when refused.
    /// </summary>
    private static DateTimeOffset? ReadLocal(FieldErrors errors, DateTime? value, string field)
    {
        switch (CampaignSchedule.CheckLocal(value))
        {
            case CampaignSchedule.LocalCheck.HasOffset:
                errors.Add(field, OutreachText.Get("Schedule.LocalWithoutOffset"));
                return null;
            case CampaignSchedule.LocalCheck.TooLate:
                errors.Add(field, OutreachText.Get("Schedule.TooLate"));
                return null;
            default:
                return value is { } v ? CampaignSchedule.FromLocal(v) : null;
        }
    }

    public async Task<CampaignDto> UpdateScheduleAsync(Guid campaignId, CampaignScheduleDto input, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Manage);
        var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken)
                       ?? throw new EntityNotFoundException("Campaign", campaignId);
        if (!CampaignStateMachine.Allows(campaign.Status, CampaignAction.EditSchedule))
        {
            throw new ConflictException(OutreachErrorCodes.CampaignScheduleLocked,
                $"Only a draft, scheduled or paused campaign can be rescheduled. It is {campaign.Status}.");
        }

        var errors = new FieldErrors();
        var now = clock.GetUtcNow();
        var (scheduledAt, cron, startsAt, endsAt) = ValidateSchedule(errors, input ?? new CampaignScheduleDto(), now);
        errors.ThrowIfAny();
        if (cron is null && await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaignId && r.OccurrenceKey == CampaignRun.OnceKey, cancellationToken))
        {
            throw new ConflictException(OutreachErrorCodes.CampaignScheduleLocked, "This one-off campaign has been sent already; its schedule can no longer change.");
        }

        campaign.ScheduledAt = scheduledAt;
        campaign.Cron = cron;
        campaign.RecurrenceStartsAt = startsAt;
        campaign.RecurrenceEndsAt = endsAt;
        if (campaign.Status != CampaignStatus.Paused)
        {
            campaign.Status = scheduledAt is null ? CampaignStatus.Draft : CampaignStatus.Scheduled;
        }

        // The concurrency stamp makes a change made meanwhile (pause, cancel, another edit) the module's own 409.
        try
        {
            await db.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Context.ChangeTracker.Clear();
            var current = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaignId).Select(c => (CampaignStatus?)c.Status)
                .FirstOrDefaultAsync(cancellationToken) ?? throw new EntityNotFoundException("Campaign", campaignId);
            throw CampaignStateMachine.Allows(current, CampaignAction.EditSchedule)
                ? new ConflictException(OutreachErrorCodes.CampaignStatusConflict,
                    $"The campaign was changed by someone else meanwhile (it is now {current}); reload it and try again.")
                : new ConflictException(OutreachErrorCodes.CampaignScheduleLocked,
                    $"Only a draft, scheduled or paused campaign can be rescheduled. It became {current} meanwhile.");
        }

        db.Context.ChangeTracker.Clear();
        return await GetCampaignAsync(campaignId, cancellationToken);
    }

    public Task<SchedulePreviewDto> PreviewScheduleAsync(CampaignScheduleDto input, int count = 5, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        var errors = new FieldErrors();
        if (count is < 1 or > 20)
        {
            errors.Add("count", OutreachText.Get("Campaign.CountRange"));
        }

        var now = clock.GetUtcNow();
        var (scheduledAt, cron, startsAt, endsAt) = ValidateSchedule(errors, input ?? new CampaignScheduleDto(), now);
        errors.ThrowIfAny();
        var list = new List<DateTimeOffset>();
        if (cron is not null)
        {
            for (var next = scheduledAt; next is { } n && list.Count < count; next = CampaignSchedule.Next(cron, n, startsAt, endsAt))
            {
                list.Add(n);
            }
        }
        else if (scheduledAt is { } once)
        {
            list.Add(once);
        }

        return Task.FromResult(new SchedulePreviewDto(list, list.Select(VietnamTime.FormatDateTime).ToList()));
    }

    public async Task<IReadOnlyList<SuppressionDto>> GetSuppressionsAsync(int max = 1000, CancellationToken cancellationToken = default)
    {
        RequirePermission(OutreachPermissions.Default);
        var rows = await db.Suppressions.AsNoTracking().OrderByDescending(s => s.CreatedAt).ThenBy(s => s.AddressKey)
            .Take(Math.Clamp(max, 1, 5000)).ToListAsync(cancellationToken);
        return rows.Select(s => new SuppressionDto(s.AddressKey, s.Purpose, ReasonOf(s.Source), s.Source, s.Reason, s.CreatedAt, s.ContactId)).ToList();
    }

    /// <summary>The reason class of a suppression's source: bounce, drop, spam or unsubscribe.</summary>
    internal static string ReasonOf(string source) => source switch
    {
        "bounce" => "bounce",
        "dropped" => "drop",
        "spamreport" => "spam",
        _ => "unsubscribe",
    };

    private static async Task<Dictionary<Guid, OutreachCountsDto>> CountsAsync(IQueryable<OutboxMessage> query,
        System.Linq.Expressions.Expression<Func<OutboxMessage, Guid>> key, CancellationToken cancellationToken)
    {
        var rows = await query.GroupBy(key).Select(g => new
        {
            g.Key,
            Total = g.Count(),
            Pending = g.Count(m => m.Status == OutboxMessageStatus.Pending),
            Sending = g.Count(m => m.Status == OutboxMessageStatus.Sending),
            Sent = g.Count(m => m.Status == OutboxMessageStatus.Sent),
            Failed = g.Count(m => m.Status == OutboxMessageStatus.Failed),
            Skipped = g.Count(m => m.Status == OutboxMessageStatus.Skipped),
            Unknown = g.Count(m => m.Status == OutboxMessageStatus.Unknown),
        }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => new OutreachCountsDto(r.Total, r.Pending, r.Sending, r.Sent, r.Failed, r.Skipped, r.Unknown));
    }

    private static CampaignDto ToDto(Campaign c, OutreachCountsDto counts) =>
        new(c.Id, c.Name, c.Purpose, c.TemplateId, c.SegmentId is null ? c.AudienceStatuses : [], c.Status, c.ScheduledAt,
            c.ScheduledAt is { } at ? VietnamTime.FormatDateTime(at) : null, counts, c.CreatedAt, c.Cron, c.RecurrenceStartsAt, c.RecurrenceEndsAt, c.SegmentId);

    private void RequirePermission(string permission)
    {
        if (!currentUser.HasPermission(permission))
        {
            throw new ForbiddenException();
        }
    }
}

/// <summary>Outreach figures for Reporting.</summary>
internal sealed class OutreachStatistics(OutreachDb db, OutreachFiguresCache cache, TimeProvider clock) : IOutreachStatistics
{
    public Task<int> CountSentAsync(DateTimeOffset? sinceUtc = null, CancellationToken cancellationToken = default)
    {
        var sent = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxMessageStatus.Sent);
        if (sinceUtc is { } since)
        {
            sent = sent.Where(m => m.SentAt >= since);
        }

        return sent.CountAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<CampaignRunSummaryDto>> ListRunFiguresAsync(CancellationToken cancellationToken = default)
    {
        // The grouped count over every outbox row is the dashboard's dearest part: the figures are kept until Outreach's data version
        // (OutreachFiguresCache.StampAsync) moves. The key is read before the rows: a change in between is read again next time.
        var key = await OutreachFiguresCache.StampAsync(db, clock, cancellationToken);
        if (cache.Get(key) is { } kept)
        {
            return kept;
        }

        var campaigns = await db.Campaigns.AsNoTracking().Select(c => new { c.Id, c.Name, c.Purpose }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var runs = await db.CampaignRuns.AsNoTracking().Select(r => new { r.Id, r.CampaignId, r.StartedAt }).ToListAsync(cancellationToken);
        var figures = await OutreachFigures.ByRunAsync(db.OutboxMessages.AsNoTracking(), cancellationToken);
        var list = runs.Where(r => campaigns.ContainsKey(r.CampaignId))
            .Select(r => new CampaignRunSummaryDto(r.CampaignId, campaigns[r.CampaignId].Name, campaigns[r.CampaignId].Purpose, r.Id, r.StartedAt,
                figures.GetValueOrDefault(r.Id, OutreachFigures.Empty)))
            .ToList();
        cache.Keep(key, list);
        return list;
    }
}

/// <summary>
/// The last run figures and their key (one per host). The key is Outreach's data version: a counter bumped by every save and every bulk
/// UPDATE of this process that touches campaigns, runs or outbox rows (<see cref="Bump"/>), the campaigns' change stamp, the number of
/// runs, outbox rows and webhook events (a run or an event recorded on another node), and the minute — so a change made outside this
/// process that none of these shows (a status set by another node's dispatcher) is seen at the latest a minute later.
/// </summary>
internal sealed class OutreachFiguresCache
{
    private static long _localVersion;

    private Entry? _entry;

    /// <summary>Marks the kept figures stale (after a save or bulk update of campaigns, runs or outbox rows).</summary>
    public static void Bump() => Interlocked.Increment(ref _localVersion);

    /// <summary>The current data version (see the class).</summary>
    public static async Task<string> StampAsync(OutreachDb db, TimeProvider clock, CancellationToken ct)
    {
        var local = Interlocked.Read(ref _localVersion);
        var campaigns = await SmeSupport.Data.ChangeStamp.ReadAsync(db.Context, "Campaigns", ct);
        var runs = await db.CampaignRuns.CountAsync(ct);
        var rows = await db.OutboxMessages.CountAsync(ct);
        var events = await db.WebhookEvents.CountAsync(ct);
        return $"{local}|{campaigns}|{runs}|{rows}|{events}|{clock.GetUtcNow().UtcTicks / TimeSpan.TicksPerMinute}";
    }

    public IReadOnlyList<CampaignRunSummaryDto>? Get(string key) => Volatile.Read(ref _entry) is { } e && e.Key == key ? e.Facts : null;

    public void Keep(string key, IReadOnlyList<CampaignRunSummaryDto> facts) => Volatile.Write(ref _entry, new Entry(key, facts));

    private sealed record Entry(string Key, IReadOnlyList<CampaignRunSummaryDto> Facts);
}
