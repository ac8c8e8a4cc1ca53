using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;

namespace SmeSupport.Outreach.Application;

/// <summary>
/// Starts a run of a campaign: creates the <see cref="CampaignRun"/> and snapshots the audience into the outbox, one
/// row per contact, in ONE transaction (written in chunks through a context of its own, so memory stays bounded):
/// either the run and all its rows exist, or nothing does.
/// Contacts are addressed only with consent for the campaign's purpose (Decree 91/2020/NĐ-CP for advertising; Law
/// 91/2025/QH15 for personal data) and without an opt-out; the others, and a second contact with an address already
/// in the run, are kept as Skipped rows with the reason. UNIQUE (CampaignId, OccurrenceKey) on runs makes a concurrent
/// second start of the same occurrence (another node's scheduler, a manual send) fail as a conflict; changes the caller
/// made to the tracked campaign (a recurring campaign's next occurrence) are saved in the same transaction.
/// </summary>
internal sealed class CampaignRunFactory(
    OutreachDb db,
    IServiceScopeFactory scopes,
    IEnterpriseContactDirectory contacts,
    SegmentEvaluator segments,
    TemplateModelSource models,
    UnsubscribeTokens tokens,
    TimeProvider clock,
    ILogger<CampaignRunFactory> logger)
{
    /// <summary>Outbox rows written per SaveChanges (the tracker is cleared after each).</summary>
    public const int ChunkSize = 1000;

    /// <summary>
    /// Creates the run of one occurrence (status Sending) and its outbox rows; the campaign becomes Scheduled until the
    /// run completes (a recurring campaign stays Scheduled while it has occurrences left).
    /// </summary>
    /// <param name="campaign">The tracked campaign.</param>
    /// <param name="occurrenceKey"><see cref="CampaignRun.OnceKey"/> for a one-off campaign, else the occurrence's key.</param>
    /// <param name="occurrenceAt">The occurrence's due instant (UTC).</param>
    /// <param name="cancellationToken">Cancels the snapshot (nothing is stored then).</param>
    /// <param name="refuseEmpty">
    /// True for a manual send: a run that would address nobody is refused (nothing is stored, the campaign stays as it
    /// was and can be sent later). False for a scheduled occurrence: the run is recorded with 0 recipients.
    /// </param>
    /// <exception cref="ConflictException"><see cref="OutreachErrorCodes.CampaignNotSendable"/>: not in a sendable status, or this occurrence already run;
    /// with <paramref name="refuseEmpty"/>, <see cref="OutreachErrorCodes.SegmentMatchesNobody"/> or
    /// <see cref="OutreachErrorCodes.NoEligibleRecipients"/>.</exception>
    public async Task<(CampaignRun Run, int Recipients, int Skipped)> StartAsync(Campaign campaign, string occurrenceKey,
        DateTimeOffset occurrenceAt, CancellationToken cancellationToken, bool refuseEmpty = false)
    {
        if (!CampaignStateMachine.Allows(campaign.Status, CampaignAction.Send))
        {
            throw NotSendable($"A campaign in status {campaign.Status} cannot be sent.");
        }

        if (await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaign.Id && r.OccurrenceKey == occurrenceKey, cancellationToken))
        {
            throw NotSendable(occurrenceKey == CampaignRun.OnceKey
                ? "The campaign has been sent already; a one-off campaign is sent once."
                : "This occurrence of the campaign has been started already.");
        }

        var template = await db.EmailTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == campaign.TemplateId, cancellationToken)
                       ?? throw NotSendable("The campaign's template no longer exists.");
        // Both variants: each recipient gets the one of their language (Vietnamese when there is no English one).
        var compiled = CompiledTemplateSet.TryCompile(template, out var errors, campaign.Purpose)
                       ?? throw NotSendable("The campaign's template has errors: " + string.Join("; ", errors.SelectMany(e => e.Value)));

        var now = clock.GetUtcNow();
        var run = new CampaignRun
        {
            CampaignId = campaign.Id,
            StartedAt = now,
            Status = CampaignRunStatus.Preparing,
            OccurrenceKey = occurrenceKey,
            OccurrenceAt = occurrenceAt,
        };

        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => s.Purpose == campaign.Purpose)
            .Select(s => s.AddressKey).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int recipients = 0, skipped = 0;
        var audience = campaign.AudienceStatuses.Count > 0 ? campaign.AudienceStatuses : [ProgrammeStatus.Pilot];

        IAsyncEnumerable<ContactRecipientDto> stream;
        SegmentRulesDto? rules = null;
        if (campaign.SegmentId is { } segmentId)
        {
            // The segment's rules are read at the snapshot: the audience is who matches now.
            var segment = await db.Segments.AsNoTracking().FirstOrDefaultAsync(s => s.Id == segmentId, cancellationToken)
                          ?? throw NotSendable("The campaign's segment no longer exists.");
            rules = SegmentAppService.RulesOf(segment);
            stream = segments.StreamAsync(rules, cancellationToken);
        }
        else
        {
            stream = contacts.StreamRecipientsAsync(audience, cancellationToken);
        }

        // The contacts stream from this scope's context; the rows are written through a context of their own, in one
        // transaction, a chunk at a time with the tracker cleared: memory stays bounded however large the audience.
        await using var writeScope = scopes.CreateAsyncScope();
        var write = writeScope.ServiceProvider.GetRequiredService<OutreachDb>();
        await using var transaction = await write.Context.Database.BeginTransactionAsync(cancellationToken);
        write.CampaignRuns.Add(run);
        try
        {
            await write.Context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            if (await db.CampaignRuns.AnyAsync(r => r.CampaignId == campaign.Id && r.OccurrenceKey == occurrenceKey, cancellationToken))
            {
                logger.LogInformation(ex, "Campaign {CampaignId} occurrence {Occurrence} was started concurrently; this start is dropped",
                    campaign.Id, occurrenceKey);
                throw NotSendable("This occurrence of the campaign has been started already.");
            }

            throw;
        }

        write.Context.ChangeTracker.Clear();

        // Rows are rendered a chunk at a time: the placeholders' facts (enterprise, trial, e-invoice) are read once per chunk.
        var chunk = new List<(OutboxMessage Row, ContactRecipientDto Contact)>(ChunkSize);
        async Task FlushAsync()
        {
            var toRender = chunk.Where(c => c.Row.Status == OutboxMessageStatus.Pending).ToList();
            var facts = await models.LoadAsync(toRender.Select(c => c.Contact.EnterpriseId).Distinct().ToList(), rules, cancellationToken);
            foreach (var (row, contact) in toRender)
            {
                row.Language = compiled.LanguageFor(contact.PreferredLanguage);
                var rendered = compiled.Render(models.ModelFor(facts, contact.EnterpriseId, contact.EnterpriseName, contact.FullName,
                    contact.Position, campaign.Name, row.UnsubscribeUrl, row.Language));
                row.Subject = rendered.Subject;
                row.HtmlBody = rendered.HtmlBody;
                row.TextBody = rendered.TextBody;
            }

            write.OutboxMessages.AddRange(chunk.Select(c => c.Row));
            await write.Context.SaveChangesAsync(cancellationToken);
            write.Context.ChangeTracker.Clear();
            chunk.Clear();
        }

        await foreach (var contact in stream)
        {
            var key = OutreachDb.AddressKeyOf(contact.Email);
            var row = new OutboxMessage
            {
                RunId = run.Id,
                CampaignId = campaign.Id,
                ContactId = contact.ContactId,
                Purpose = campaign.Purpose,
                Email = Truncate(contact.Email.Trim(), 254)!,
                AddressKey = key,
                RecipientName = Truncate(contact.FullName, 200),
                NextAttemptAt = now,
                CreatedAt = now,
            };

            var reason = SkipReason(campaign.Purpose, contact, key, suppressed, seen);
            if (reason is not null)
            {
                row.Status = OutboxMessageStatus.Skipped;
                row.LastError = reason;
                skipped++;
            }
            else
            {
                seen.Add(key);
                row.UnsubscribeUrl = tokens.UrlFor(new UnsubscribeRequest(contact.ContactId, key, campaign.Purpose));
                row.Status = OutboxMessageStatus.Pending;
                recipients++;
            }

            chunk.Add((row, contact));
            if (chunk.Count >= ChunkSize)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();

        if (refuseEmpty && recipients == 0)
        {
            // A manual send that would address nobody is bad input, not a run: nothing is kept and the campaign stays sendable.
            await transaction.RollbackAsync(CancellationToken.None);
            throw skipped == 0
                ? new ConflictException(OutreachErrorCodes.SegmentMatchesNobody,
                    "The campaign's audience matches nobody today; nothing was sent and the campaign is unchanged.")
                : new ConflictException(OutreachErrorCodes.NoEligibleRecipients,
                    $"None of the {skipped} matching contacts can be addressed (no consent, opted out or no valid address); nothing was sent and the campaign is unchanged.");
        }

        run.Status = recipients == 0 ? CampaignRunStatus.Completed : CampaignRunStatus.Sending;
        run.CompletedAt = recipients == 0 ? now : null;
        run.RecipientCount = recipients;
        run.SkippedCount = skipped;
        await write.CampaignRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, run.Status)
            .SetProperty(r => r.CompletedAt, run.CompletedAt)
            .SetProperty(r => r.RecipientCount, recipients)
            .SetProperty(r => r.SkippedCount, skipped), cancellationToken);
        OutreachFiguresCache.Bump();

        // The campaign's new status and (for a recurring one) its next occurrence, in the same transaction as the run.
        var moreToCome = campaign.Cron is not null && campaign.ScheduledAt is not null;
        campaign.Status = recipients == 0 && !moreToCome ? CampaignStatus.Completed : CampaignStatus.Scheduled;
        var status = campaign.Status;
        var next = campaign.ScheduledAt;
        await write.Campaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.Status, status)
            .SetProperty(c => c.ScheduledAt, next)
            .SetProperty(c => c.ModifiedAt, now)
            .SetProperty(c => c.ConcurrencyStamp, Guid.NewGuid().ToString("N")), cancellationToken);
        OutreachFiguresCache.Bump();
        await transaction.CommitAsync(cancellationToken);
        if (db.Context.Entry(campaign).State != EntityState.Detached)
        {
            db.Context.Entry(campaign).State = EntityState.Unchanged;
        }

        logger.LogInformation("Campaign {CampaignId} run {RunId} queued {Recipients} messages, skipped {Skipped}",
            campaign.Id, run.Id, recipients, skipped);
        return (run, recipients, skipped);
    }

    private static string? SkipReason(CampaignPurpose purpose, ContactRecipientDto contact, string key, HashSet<string> suppressed,
        HashSet<string> seen)
    {
        if (!Delivery.EmailBatchRules.IsMailbox(contact.Email))
        {
            return "The address is not a valid mailbox (RFC 5321).";
        }

        if (purpose == CampaignPurpose.Advertising ? !contact.AdvertisingConsent : !contact.ServiceConsent)
        {
            return purpose == CampaignPurpose.Advertising
                ? "No advertising consent (Decree 91/2020/NĐ-CP)."
                : "No consent to service messages.";
        }

        if (suppressed.Contains(key))
        {
            return "The address opted out of this purpose.";
        }

        return seen.Contains(key) ? "The address is already addressed in this run." : null;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];

    private static ConflictException NotSendable(string message) => new(OutreachErrorCodes.CampaignNotSendable, message);
}
