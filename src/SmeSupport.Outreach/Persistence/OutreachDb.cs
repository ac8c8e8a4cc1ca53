using Microsoft.EntityFrameworkCore;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Persistence;

/// <summary>The module's view of the unit of work: only the Outreach module's own tables.</summary>
internal sealed class OutreachDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<EmailTemplate> EmailTemplates => context.Set<EmailTemplate>();

    public DbSet<Campaign> Campaigns => context.Set<Campaign>();

    public DbSet<CampaignRun> CampaignRuns => context.Set<CampaignRun>();

    public DbSet<OutboxMessage> OutboxMessages => context.Set<OutboxMessage>();

    public DbSet<Suppression> Suppressions => context.Set<Suppression>();

    public DbSet<WebhookEvent> WebhookEvents => context.Set<WebhookEvent>();

    public DbSet<Segment> Segments => context.Set<Segment>();

    public DbSet<TemplateTestSend> TestSends => context.Set<TemplateTestSend>();

    /// <summary>Normalises an address for counting and suppression: trimmed, lower-case (invariant).</summary>
    public static string AddressKeyOf(string email) => email.Trim().ToLowerInvariant();
}
