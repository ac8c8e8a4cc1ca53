using Microsoft.EntityFrameworkCore;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Persistence;

/// <summary>The module's view of the unit of work: only the Outreach module's own tables.</summary>
internal sealed class OutreachDb
{
    private readonly DbContext context;

    public OutreachDb(DbContext context)
    {
        this.context = context;
        // Keeps Reporting's outreach figures in step with saves of this process (see Application.OutreachFiguresCache).
        var touched = false;
        context.SavingChanges += (_, _) => touched = context.ChangeTracker.Entries()
            .Any(e => e.Entity is Campaign or CampaignRun or OutboxMessage && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        context.SavedChanges += (_, _) =>
        {
            if (touched)
            {
                Application.OutreachFiguresCache.Bump();
            }
        };
    }

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
