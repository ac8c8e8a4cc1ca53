using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Emailing;
using SmeSupport.Errors;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Timing;

namespace SmeSupport.Outreach.Dispatching;

/// <summary>What one dispatcher run did.</summary>
internal sealed record DispatchSummary
{
    public int RunsStarted { get; set; }

    public int Claimed { get; set; }

    public int Sent { get; set; }

    public int Retried { get; set; }

    public int Failed { get; set; }

    public int Skipped { get; set; }

    public int Deferred { get; set; }

    /// <summary>Rows that fell due in quiet hours and were put off to the window's end.</summary>
    public int HeldForQuietHours { get; set; }

    public int HeldUnknown { get; set; }

    public int LeasesExpired { get; set; }

    public int RunsCompleted { get; set; }
}

/// <summary>
/// Delivers the outbox. Exactly-once rests on the database, not on Hangfire (whose storages may run a job twice):
/// <list type="number">
/// <item>A claim is one conditional UPDATE: rows go Pending → Sending with a fresh lease owner and expiry only WHERE
/// they are still Pending and due, so two dispatchers never hold the same row.</item>
/// <item>Only the lease owner settles a row: Sent (with the provider id), back to Pending with a later next-attempt
/// time (retryable; exponential back-off with jitter, at least the provider's Retry-After), or Failed.</item>
/// <item>A row still Sending after its lease (a crash or a cancellation mid-send) may have been accepted by the provider:
/// it becomes <see cref="OutboxMessageStatus.Unknown"/>, is counted, and waits for staff; it is never re-sent blindly.</item>
/// <item>Before sending, opt-outs turn rows Skipped (sending stops at once on refusal, Decree 91/2020/NĐ-CP), an address
/// occurs once per batch (SendGrid), and an advertising message to an address that already had 3 in 24 hours
/// (counting other dispatchers' claims) goes back to Pending for later, never dropped.</item>
/// </list>
/// A second run finds nothing Pending and sends nothing. Each run also starts due scheduled campaigns and completes
/// runs that have nothing left to send.
/// </summary>
internal sealed class OutreachDispatcher(
    OutreachDb db,
    IEmailSender sender,
    CampaignRunFactory runs,
    TimeProvider clock,
    IOptions<OutreachDispatcherOptions> options,
    IOptions<OutreachQuietHoursOptions> quietHours,
    ILogger<OutreachDispatcher> logger)
{
    /// <summary>At most this many advertising e-mails to one address in 24 hours (Decree 91/2020/NĐ-CP).</summary>
    public const int AdvertisingLimitPer24Hours = 3;

    /// <summary>The window of <see cref="AdvertisingLimitPer24Hours"/>.</summary>
    public static readonly TimeSpan AdvertisingWindow = TimeSpan.FromHours(24);

    private readonly OutreachDispatcherOptions _options = options.Value;
    private readonly OutreachQuietHoursOptions _quiet = quietHours.Value;

    /// <summary>One full pass: expire stale leases, start due campaigns, deliver due messages, complete finished runs.</summary>
    public async Task<DispatchSummary> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var summary = new DispatchSummary();
        summary.LeasesExpired = await ExpireLeasesAsync(cancellationToken);
        summary.RunsStarted = await StartDueCampaignsAsync(cancellationToken);

        for (var i = 0; i < Math.Max(1, _options.MaxBatchesPerRun); i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            summary.HeldForQuietHours += await HoldForQuietHoursAsync(cancellationToken);
            var claim = await ClaimAsync(cancellationToken);
            if (claim is null)
            {
                break;
            }

            summary.Claimed += claim.Rows.Count;
            await ProcessAsync(claim, summary, cancellationToken);
        }

        summary.RunsCompleted = await CompleteRunsAsync(cancellationToken);
        if (summary.Claimed > 0 || summary.RunsStarted > 0 || summary.LeasesExpired > 0 || summary.HeldForQuietHours > 0)
        {
            logger.LogInformation("Outreach dispatch: {@Summary}", summary);
        }

        return summary;
    }

    /// <summary>Sending rows past their lease become Unknown (held for review): the provider may have accepted them.</summary>
    internal async Task<int> ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var count = await db.OutboxMessages
            .Where(m => m.Status == OutboxMessageStatus.Sending && m.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxMessageStatus.Unknown)
                .SetProperty(m => m.LastError, "The dispatcher's lease ran out while sending: the provider may or may not have accepted it. Held for review; not re-sent."),
                cancellationToken);
        OutreachFiguresCache.Bump();
        if (count > 0)
        {
            logger.LogWarning("{Count} outbox messages were abandoned mid-send and are held as Unknown for review", count);
        }

        return count;
    }

    /// <summary>
    /// The scheduler: starts the run of each Scheduled campaign that is due. A one-off campaign runs once (key
    /// <see cref="CampaignRun.OnceKey"/>); a recurring one runs its due cron occurrence and moves on to the next occurrence
    /// after now (occurrences missed while no node was running are not caught up one by one), in the same transaction as
    /// the run. Several nodes may do this at once: UNIQUE (CampaignId, OccurrenceKey) lets one start win, the others
    /// get a conflict and start nothing.
    /// </summary>
    internal async Task<int> StartDueCampaignsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await db.Campaigns
            .Where(c => c.Status == CampaignStatus.Scheduled && c.ScheduledAt != null && c.ScheduledAt <= now
                        && (c.Cron != null || !db.CampaignRuns.Any(r => r.CampaignId == c.Id)))
            .OrderBy(c => c.ScheduledAt)
            .Select(c => c.Id)
            .ToListAsync(cancellationToken);
        var started = 0;
        foreach (var id in due)
        {
            db.Context.ChangeTracker.Clear();
            var campaign = await db.Campaigns.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (campaign?.ScheduledAt is not { } occurrence || campaign.Status != CampaignStatus.Scheduled)
            {
                continue;
            }

            var key = CampaignRun.OnceKey;
            if (campaign.Cron is not null)
            {
                key = CampaignSchedule.KeyOf(occurrence);
                var after = occurrence > now ? occurrence : now;
                campaign.ScheduledAt = CampaignSchedule.Next(campaign.Cron, after, campaign.RecurrenceStartsAt, campaign.RecurrenceEndsAt);
            }

            try
            {
                await runs.StartAsync(campaign, key, occurrence, cancellationToken);
                started++;
            }
            catch (ConflictException ex)
            {
                logger.LogInformation("Scheduled campaign {CampaignId} occurrence {Occurrence} not started: {Reason}", id, key, ex.Message);
                db.Context.ChangeTracker.Clear();
                if (campaign.Cron is not null)
                {
                    // Started elsewhere (another node) or before a crash: only move the schedule on, if nobody did.
                    var nextAt = campaign.ScheduledAt;
                    await db.Campaigns.Where(c => c.Id == id && c.ScheduledAt == occurrence && c.Status == CampaignStatus.Scheduled)
                        .ExecuteUpdateAsync(u => u.SetProperty(c => c.ScheduledAt, nextAt), cancellationToken);
                    OutreachFiguresCache.Bump();
                }
            }
        }

        db.Context.ChangeTracker.Clear();
        return started;
    }

    /// <summary>
    /// In quiet hours (<see cref="OutreachQuietHoursOptions"/>), puts the due Pending rows of the quiet purposes off to the
    /// window's end with one UPDATE, marked <see cref="OutreachFigures.QuietHoursPrefix"/> (counted as held by quiet hours).
    /// Not an attempt; nothing is dropped. Outside quiet hours it does nothing.
    /// </summary>
    internal async Task<int> HoldForQuietHoursAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_quiet.QuietUntil(now) is not { } until)
        {
            return 0;
        }

        var purposes = _quiet.Purposes.Distinct().ToList();
        var local = VietnamTime.FormatDateTime(until);
        var updated = await db.OutboxMessages
            .Where(m => m.Status == OutboxMessageStatus.Pending && m.NextAttemptAt <= now && purposes.Contains(m.Purpose))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.NextAttemptAt, until)
                .SetProperty(m => m.LastError, OutreachFigures.QuietHoursPrefix + $" (Outreach:QuietHours); goes after {local} (Asia/Ho_Chi_Minh)."),
                cancellationToken);
        OutreachFiguresCache.Bump();
        return updated;
    }

    /// <summary>The rows one claim holds, and its lease owner.</summary>
    internal sealed record Claim(Guid Owner, IReadOnlyList<OutboxMessage> Rows, DateTimeOffset At);

    /// <summary>
    /// Claims up to a batch of due Pending rows with one conditional UPDATE (… WHERE Id IN (candidates) AND Status =
    /// Pending AND NextAttemptAt &lt;= now): a row another dispatcher claimed in between is no longer Pending and is not
    /// taken. Returns null when nothing is due; a claim may hold fewer rows than the candidates (others won them).
    /// </summary>
    internal async Task<Claim?> ClaimAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var size = _options.BatchSize > 0 ? Math.Min(_options.BatchSize, sender.MaxBatchSize) : sender.MaxBatchSize;
        var held = db.Campaigns.Where(c => c.Status == CampaignStatus.Paused || c.Status == CampaignStatus.Cancelled).Select(c => c.Id);
        // Quiet purposes are never claimed in quiet hours (HoldForQuietHoursAsync puts them off to the window's end).
        var quiet = _quiet.QuietUntil(now) is null ? [] : _quiet.Purposes.Distinct().ToList();
        var candidates = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == OutboxMessageStatus.Pending && m.NextAttemptAt <= now && !held.Contains(m.CampaignId)
                        && !quiet.Contains(m.Purpose))
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(size)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return null;
        }

        var owner = Guid.NewGuid();
        var leaseUntil = now + _options.LeaseDuration;
        await db.OutboxMessages
            .Where(m => candidates.Contains(m.Id) && m.Status == OutboxMessageStatus.Pending && m.NextAttemptAt <= now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxMessageStatus.Sending)
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseExpiresAt, leaseUntil)
                .SetProperty(m => m.LastAttemptAt, now)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1),
                cancellationToken);
        OutreachFiguresCache.Bump();
        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == owner && m.Status == OutboxMessageStatus.Sending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        return new Claim(owner, rows, now);
    }

    private async Task ProcessAsync(Claim claim, DispatchSummary summary, CancellationToken cancellationToken)
    {
        var now = claim.At;
        var rows = claim.Rows;
        if (rows.Count == 0)
        {
            return;
        }

        // 1. Opt-outs recorded since the snapshot: stop at once (Decree 91/2020/NĐ-CP).
        var keys = rows.Select(r => r.AddressKey).Distinct().ToList();
        var optedOut = (await db.Suppressions.AsNoTracking().Where(s => keys.Contains(s.AddressKey))
                .Select(s => new { s.AddressKey, s.Purpose }).ToListAsync(cancellationToken))
            .Select(s => (s.AddressKey, s.Purpose)).ToHashSet();
        var toSend = new List<OutboxMessage>();
        var skipped = new List<Guid>();
        var again = new List<Guid>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (optedOut.Contains((row.AddressKey, row.Purpose)))
            {
                skipped.Add(row.Id);
            }
            else if (!seen.Add(row.AddressKey))
            {
                // 2. SendGrid takes an address once per request: the second waits for the next batch.
                again.Add(row.Id);
            }
            else
            {
                toSend.Add(row);
            }
        }

        await SettleAsync(claim.Owner, skipped, OutboxMessageStatus.Skipped, "The address opted out of this purpose.", null, null, null, cancellationToken);
        summary.Skipped += skipped.Count;
        await ReleaseAsync(claim.Owner, again, now, cancellationToken);

        // 3. At most 3 advertising e-mails per address in 24 hours; the rest wait.
        toSend = await ApplyAdvertisingLimitAsync(claim, toSend, summary, cancellationToken);
        if (toSend.Count == 0)
        {
            return;
        }

        var messages = toSend.Select(ToMessage).ToList();
        IReadOnlyList<EmailSendResult> results;
        try
        {
            results = await sender.SendAsync(messages, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // The batch broke a rule the provider would refuse it for: nothing was sent (IEmailSender contract).
            logger.LogError(ex, "The e-mail sender refused a batch of {Count} outbox messages as malformed", messages.Count);
            await SettleAsync(claim.Owner, toSend.Select(r => r.Id).ToList(), OutboxMessageStatus.Failed,
                Limit("Refused before sending: " + ex.Message), null, null, null, cancellationToken);
            summary.Failed += toSend.Count;
            return;
        }

        // Rows are left Sending if anything else escapes (cancellation mid-send): the lease expires and they become Unknown.
        var later = clock.GetUtcNow();
        var jitter = _options.Jitter();
        var byId = toSend.ToDictionary(r => r.Id.ToString());
        var groups = new Dictionary<(OutboxMessageStatus Status, string? Provider, string? Error, DateTimeOffset? Next), List<Guid>>();
        foreach (var result in results)
        {
            var row = byId[result.MessageId];
            (OutboxMessageStatus, string?, string?, DateTimeOffset?) outcome;
            if (result.Accepted)
            {
                outcome = (OutboxMessageStatus.Sent, result.ProviderMessageId, null, null);
                summary.Sent++;
            }
            else if (result.Ambiguous && _options.AmbiguousFailures == AmbiguousFailurePolicy.Hold)
            {
                outcome = (OutboxMessageStatus.Unknown, null, Limit("No answer from the provider (it may have accepted it); held for review: " + result.Error), null);
                summary.HeldUnknown++;
            }
            else if (result.Retryable && row.Attempts < _options.MaxAttempts)
            {
                outcome = (OutboxMessageStatus.Pending, null, Limit(result.Error), later + RetryDelay(row.Attempts, result.RetryAfter, jitter));
                summary.Retried++;
            }
            else
            {
                var error = result.Retryable ? $"Gave up after {row.Attempts} attempts: {result.Error}" : result.Error ?? "Refused by the provider.";
                outcome = (OutboxMessageStatus.Failed, null, Limit(error), null);
                summary.Failed++;
            }

            if (!groups.TryGetValue(outcome, out var ids))
            {
                groups[outcome] = ids = [];
            }

            ids.Add(row.Id);
        }

        foreach (var ((status, provider, error, next), ids) in groups)
        {
            await SettleAsync(claim.Owner, ids, status, error, provider, next, status == OutboxMessageStatus.Sent ? later : null,
                CancellationToken.None);
        }
    }

    /// <summary>
    /// Defers advertising rows whose address already has 3 advertising e-mails in the last 24 hours. Counted: Sent
    /// rows with SentAt in the window, Unknown rows claimed in the window (they may have gone out), and rows other
    /// claims hold right now (so two dispatchers cannot both send the 4th; at worst both wait a little).
    /// </summary>
    private async Task<List<OutboxMessage>> ApplyAdvertisingLimitAsync(Claim claim, List<OutboxMessage> rows, DispatchSummary summary,
        CancellationToken cancellationToken)
    {
        var ads = rows.Where(r => r.Purpose == CampaignPurpose.Advertising).ToList();
        if (ads.Count == 0)
        {
            return rows;
        }

        var now = claim.At;
        var windowStart = now - AdvertisingWindow;
        var keys = ads.Select(r => r.AddressKey).Distinct().ToList();
        var owner = claim.Owner;
        var counted = await db.OutboxMessages.AsNoTracking()
            .Where(m => keys.Contains(m.AddressKey) && m.Purpose == CampaignPurpose.Advertising
                        && ((m.Status == OutboxMessageStatus.Sent && m.SentAt > windowStart)
                            || (m.Status == OutboxMessageStatus.Unknown && m.LastAttemptAt > windowStart)
                            || (m.Status == OutboxMessageStatus.Sending && m.LeaseOwner != owner)))
            .Select(m => new { m.AddressKey, m.Status, m.SentAt, m.LastAttemptAt })
            .ToListAsync(cancellationToken);
        var byKey = counted.ToLookup(c => c.AddressKey, StringComparer.Ordinal);

        var keep = new List<OutboxMessage>(rows.Count);
        var deferrals = new Dictionary<DateTimeOffset, List<Guid>>();
        foreach (var row in rows)
        {
            if (row.Purpose != CampaignPurpose.Advertising)
            {
                keep.Add(row);
                continue;
            }

            var others = byKey[row.AddressKey].ToList();
            if (others.Count < AdvertisingLimitPer24Hours)
            {
                keep.Add(row);
                continue;
            }

            var done = others.Where(o => o.Status != OutboxMessageStatus.Sending)
                .Select(o => o.Status == OutboxMessageStatus.Sent ? o.SentAt!.Value : o.LastAttemptAt!.Value)
                .OrderBy(t => t).ToList();
            // When the window itself is full, wait until its oldest message leaves it; when claims in flight fill it,
            // look again shortly.
            var next = done.Count >= AdvertisingLimitPer24Hours
                ? done[done.Count - AdvertisingLimitPer24Hours] + AdvertisingWindow + TimeSpan.FromSeconds(1)
                : now + (_options.BaseRetryDelay > TimeSpan.Zero ? _options.BaseRetryDelay : TimeSpan.FromSeconds(1));
            if (!deferrals.TryGetValue(next, out var ids))
            {
                deferrals[next] = ids = [];
            }

            ids.Add(row.Id);
            summary.Deferred++;
        }

        foreach (var (next, ids) in deferrals)
        {
            // Not an attempt: the claim's increment is taken back.
            await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.Status == OutboxMessageStatus.Sending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxMessageStatus.Pending)
                    .SetProperty(m => m.NextAttemptAt, next)
                    .SetProperty(m => m.LeaseOwner, (Guid?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(m => m.Attempts, m => m.Attempts - 1)
                    .SetProperty(m => m.LastError, OutreachFigures.DeferredPrefix + " e-mails to this address in 24 hours (Decree 91/2020/NĐ-CP)."),
                    cancellationToken);
            OutreachFiguresCache.Bump();
        }

        return keep;
    }

    /// <summary>Back-off: base × 2^(attempt−1), capped, ±20 % jitter; never shorter than the provider's Retry-After.</summary>
    internal TimeSpan RetryDelay(int attempts, TimeSpan? retryAfter, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var raw = _options.BaseRetryDelay.TotalMilliseconds * Math.Pow(2, exponent);
        var capped = Math.Min(raw, _options.MaxRetryDelay.TotalMilliseconds);
        var delay = TimeSpan.FromMilliseconds(capped * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1))));
        return retryAfter is { } wait && wait > delay ? wait : delay;
    }

    /// <summary>Puts rows of this claim back to Pending without counting an attempt (they were not sent).</summary>
    private async Task ReleaseAsync(Guid owner, List<Guid> ids, DateTimeOffset next, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.Status == OutboxMessageStatus.Sending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxMessageStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LeaseOwner, (Guid?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1),
                cancellationToken);
        OutreachFiguresCache.Bump();
    }

    /// <summary>
    /// Settles rows of this claim. Only the lease owner may; a row its lease-expiry turned Unknown meanwhile is still
    /// settled, since the owner knows the outcome.
    /// </summary>
    private async Task SettleAsync(Guid owner, List<Guid> ids, OutboxMessageStatus status, string? error, string? providerId,
        DateTimeOffset? next, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var n = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner
                        && (m.Status == OutboxMessageStatus.Sending || m.Status == OutboxMessageStatus.Unknown))
            .ExecuteUpdateAsync(s =>
            {
                s.SetProperty(m => m.Status, status)
                    .SetProperty(m => m.LastError, error)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null);
                if (status == OutboxMessageStatus.Pending)
                {
                    s.SetProperty(m => m.LeaseOwner, (Guid?)null).SetProperty(m => m.NextAttemptAt, next!.Value);
                }

                if (status == OutboxMessageStatus.Sent)
                {
                    s.SetProperty(m => m.ProviderMessageId, providerId).SetProperty(m => m.SentAt, sentAt);
                }
            }, cancellationToken);
        OutreachFiguresCache.Bump();
        if (n != ids.Count)
        {
            logger.LogWarning("Settling {Expected} outbox messages as {Status} changed {Actual}: their lease was taken over", ids.Count, status, n);
        }
    }

    /// <summary>Runs with nothing Pending or Sending become Completed, and so does their campaign (unless paused or cancelled).</summary>
    internal async Task<int> CompleteRunsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var done = await db.CampaignRuns
            .Where(r => r.Status == CampaignRunStatus.Sending
                        && !db.OutboxMessages.Any(m => m.RunId == r.Id
                                                       && (m.Status == OutboxMessageStatus.Pending || m.Status == OutboxMessageStatus.Sending)))
            .Select(r => new { r.Id, r.CampaignId })
            .ToListAsync(cancellationToken);
        var completed = 0;
        foreach (var run in done)
        {
            completed += await db.CampaignRuns.Where(r => r.Id == run.Id && r.Status == CampaignRunStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, CampaignRunStatus.Completed).SetProperty(r => r.CompletedAt, now),
                    cancellationToken);
            OutreachFiguresCache.Bump();
            // A recurring campaign with occurrences left stays Scheduled.
            await db.Campaigns.Where(c => c.Id == run.CampaignId && c.Status == CampaignStatus.Scheduled
                                          && (c.Cron == null || c.ScheduledAt == null)
                                          && !db.CampaignRuns.Any(r => r.CampaignId == c.Id && r.Status != CampaignRunStatus.Completed))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Status, CampaignStatus.Completed)
                    .SetProperty(c => c.ModifiedAt, now)
                    .SetProperty(c => c.ConcurrencyStamp, Guid.NewGuid().ToString("N")),
                    cancellationToken);
            OutreachFiguresCache.Bump();
        }

        return completed;
    }

    /// <summary>The e-mail for a row: our message id, RFC 8058 one-click unsubscribe headers, no personal data in categories or custom args.</summary>
    internal static EmailMessage ToMessage(OutboxMessage row) => new()
    {
        MessageId = row.Id.ToString(),
        To = new EmailAddress(row.Email, string.IsNullOrWhiteSpace(row.RecipientName) ? null : row.RecipientName),
        Subject = row.Subject,
        TextBody = row.TextBody,
        HtmlBody = string.IsNullOrEmpty(row.HtmlBody) ? null : row.HtmlBody,
        Headers = new Dictionary<string, string>
        {
            // RFC 8058 §3.1: an HTTPS URI in List-Unsubscribe (RFC 2369) and the one-click POST marker.
            ["List-Unsubscribe"] = $"<{row.UnsubscribeUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        Categories = [row.Purpose == CampaignPurpose.Advertising ? "outreach-advertising" : "outreach-service"],
        CustomArgs = new Dictionary<string, string>
        {
            ["campaign_id"] = row.CampaignId.ToString("N"),
            ["run_id"] = row.RunId.ToString("N"),
        },
    };

    private static string? Limit(string? error) =>
        error is null || error.Length <= OutboxMessage.ErrorMaxLength ? error : error[..(OutboxMessage.ErrorMaxLength - 1)] + "…";
}
