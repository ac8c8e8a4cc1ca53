using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Delivery;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;

namespace SmeSupport.Outreach.Webhooks;

/// <summary>
/// Applies SendGrid events (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event) to the outbox,
/// each once by <c>sg_event_id</c>: <c>delivered</c>, <c>open</c>, <c>click</c>, <c>bounce</c>, <c>dropped</c>,
/// <c>spamreport</c>, <c>unsubscribe</c>, <c>group_unsubscribe</c> stamp the message (first time only). Bounces, drops
/// and spam reports suppress the address for every purpose; an unsubscribe suppresses the message's purpose and
/// withdraws the contact's consent for it through <see cref="IContactConsentWriter"/> (Decree 91/2020/NĐ-CP).
/// Our message id comes back as the custom arg <c>sme_message_id</c>.
/// </summary>
internal sealed class SendGridEventProcessor(OutreachDb db, IContactConsentWriter consents, TimeProvider clock,
    ILogger<SendGridEventProcessor> logger)
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "delivered", "open", "click", "bounce", "dropped", "spamreport", "unsubscribe", "group_unsubscribe",
        "processed", "deferred",
    };

    private sealed record Event(string Id, string Kind, Guid? MessageId, DateTimeOffset? At, string? Reason, string? Email);

    /// <summary>Parses and applies a body (a JSON array of event objects).</summary>
    /// <exception cref="BusinessException"><see cref="OutreachErrorCodes.WebhookBodyInvalid"/> (400): not a JSON array of objects.</exception>
    public async Task<SendGridWebhookResultDto> ApplyAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var (events, ignored) = Parse(body);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var (applied, duplicates, withdrawals) = await ApplyOnceAsync(events, cancellationToken);
                foreach (var (contactId, purpose) in withdrawals)
                {
                    try
                    {
                        await consents.WithdrawAsync(contactId, purpose == CampaignPurpose.Advertising ? ConsentPurpose.Advertising : ConsentPurpose.Service,
                            ConsentChannels.Email, "system:sendgrid-webhook", cancellationToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The suppression already stops sending; the consent record is fixed on the next event or by staff.
                        logger.LogError(ex, "Could not withdraw {Purpose} consent of contact {ContactId} after an unsubscribe event", purpose, contactId);
                    }
                }

                return new SendGridWebhookResultDto(applied, duplicates, ignored + (events.Count - applied - duplicates));
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same events delivered twice at once: the other delivery won; look again.
                db.Context.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(int Applied, int Duplicates, List<(Guid, CampaignPurpose)> Withdrawals)> ApplyOnceAsync(List<Event> events,
        CancellationToken cancellationToken)
    {
        var ids = events.Select(e => e.Id).ToList();
        var seen = (await db.WebhookEvents.AsNoTracking().Where(w => ids.Contains(w.EventId)).Select(w => w.EventId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var fresh = events.Where(e => !seen.Contains(e.Id)).ToList();
        var messageIds = fresh.Where(e => e.MessageId is not null).Select(e => e.MessageId!.Value).Distinct().ToList();
        var messages = await db.OutboxMessages.Where(m => messageIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var keys = messages.Values.Select(m => m.AddressKey).Distinct().ToList();
        var suppressed = (await db.Suppressions.AsNoTracking().Where(s => keys.Contains(s.AddressKey))
            .Select(s => new { s.AddressKey, s.Purpose }).ToListAsync(cancellationToken)).Select(s => (s.AddressKey, s.Purpose)).ToHashSet();
        var withdrawals = new List<(Guid, CampaignPurpose)>();
        var now = clock.GetUtcNow();
        var applied = 0;
        foreach (var e in fresh)
        {
            if (e.MessageId is not { } id || !messages.TryGetValue(id, out var m))
            {
                continue;
            }

            db.WebhookEvents.Add(new WebhookEvent { EventId = e.Id, Event = e.Kind, MessageId = id, ReceivedAt = now });
            applied++;
            switch (e.Kind)
            {
                case "delivered":
                    m.DeliveredAt ??= e.At ?? now;
                    break;
                case "open":
                    m.OpenedAt ??= e.At ?? now;
                    break;
                case "click":
                    m.ClickedAt ??= e.At ?? now;
                    break;
                case "bounce" or "dropped":
                    m.BouncedAt ??= e.At ?? now;
                    Suppress(m, e, [CampaignPurpose.Service, CampaignPurpose.Advertising], suppressed, now);
                    break;
                case "spamreport":
                    m.SpamReportedAt ??= e.At ?? now;
                    Suppress(m, e, [CampaignPurpose.Service, CampaignPurpose.Advertising], suppressed, now);
                    break;
                case "unsubscribe" or "group_unsubscribe":
                    m.UnsubscribedAt ??= e.At ?? now;
                    Suppress(m, e, [m.Purpose], suppressed, now);
                    withdrawals.Add((m.ContactId, m.Purpose));
                    break;
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
        db.Context.ChangeTracker.Clear();
        return (applied, events.Count - fresh.Count, withdrawals.Distinct().ToList());
    }

    private void Suppress(OutboxMessage m, Event e, CampaignPurpose[] purposes, HashSet<(string, CampaignPurpose)> suppressed, DateTimeOffset now)
    {
        foreach (var purpose in purposes)
        {
            if (suppressed.Add((m.AddressKey, purpose)))
            {
                db.Suppressions.Add(new Suppression
                {
                    AddressKey = m.AddressKey,
                    Purpose = purpose,
                    ContactId = m.ContactId,
                    CreatedAt = now,
                    Source = e.Kind,
                    Reason = e.Reason is { Length: > 500 } r ? r[..500] : e.Reason,
                });
            }
        }
    }

    private static (List<Event> Events, int Ignored) Parse(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new BusinessException(OutreachErrorCodes.WebhookBodyInvalid, "The body is not JSON: " + ex.Message);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new BusinessException(OutreachErrorCodes.WebhookBodyInvalid, "The body must be a JSON array of events.");
            }

            var events = new List<Event>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var ignored = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    throw new BusinessException(OutreachErrorCodes.WebhookBodyInvalid, "Each event must be a JSON object.");
                }

                var id = Text(item, "sg_event_id");
                var kind = Text(item, "event");
                if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || kind is null || !Known.Contains(kind) || !ids.Add(id))
                {
                    ignored++;
                    continue;
                }

                Guid? messageId = Guid.TryParse(Text(item, EmailBatchRules.MessageIdCustomArg), out var g) ? g : null;
                var at = item.TryGetProperty("timestamp", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var secs)
                         && secs is > 0 and < 253402300799
                    ? DateTimeOffset.FromUnixTimeSeconds(secs)
                    : (DateTimeOffset?)null;
                events.Add(new Event(id, kind, messageId, at, Text(item, "reason") ?? Text(item, "response"), Text(item, "email")));
            }

            return (events, ignored);
        }
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
