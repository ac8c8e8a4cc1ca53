using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Domain;

namespace SmeSupport.Outreach.Persistence;

/// <summary>
/// The Outreach module's part of the EF Core model. Tables: EmailTemplates, Campaigns, CampaignRuns, OutboxMessages,
/// OutreachSuppressions, OutreachWebhookEvents, OutreachSegments, OutreachTestSends.
/// </summary>
internal static class OutreachModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<EmailTemplate>(b =>
        {
            b.ToTable("EmailTemplates");
            b.Property(t => t.Name).HasMaxLength(EmailTemplate.NameMaxLength).IsRequired();
            b.Property(t => t.Purpose).HasConversion<int>();
            b.Property(t => t.SubjectTemplate).HasMaxLength(EmailTemplate.SubjectMaxLength).IsRequired();
            b.Property(t => t.HtmlTemplate).IsRequired();
            b.Property(t => t.TextTemplate).IsRequired();
            b.Property(t => t.SubjectTemplateEn).HasMaxLength(EmailTemplate.SubjectMaxLength);
            b.Ignore(t => t.HasEnglish);
            b.HasIndex(t => t.Name).IsUnique();
        });

        builder.Entity<Campaign>(b =>
        {
            b.ToTable("Campaigns");
            b.Property(c => c.Name).HasMaxLength(Campaign.NameMaxLength).IsRequired();
            b.Property(c => c.Purpose).HasConversion<int>();
            b.Property(c => c.Status).HasConversion<int>();
            b.Property(c => c.AudienceStatuses)
                .HasMaxLength(200)
                .HasConversion(
                    v => string.Join(',', v),
                    v => v.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<ProgrammeStatus>).ToList(),
                    new ValueComparer<List<ProgrammeStatus>>(
                        (a, b) => a!.SequenceEqual(b!),
                        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)),
                        v => v.ToList()));
            b.Property(c => c.Cron).HasMaxLength(100);
            b.HasIndex(c => c.Name).IsUnique();
            b.HasIndex(c => new { c.Status, c.ScheduledAt });
            b.HasOne<EmailTemplate>().WithMany().HasForeignKey(c => c.TemplateId).OnDelete(DeleteBehavior.Restrict);
            b.HasOne<Segment>().WithMany().HasForeignKey(c => c.SegmentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CampaignRun>(b =>
        {
            b.ToTable("CampaignRuns");
            b.Property(r => r.Status).HasConversion<int>();
            b.Property(r => r.OccurrenceKey).HasMaxLength(60).IsRequired();
            // One run per campaign and occurrence: the database, not the caller, refuses a second start (several nodes).
            b.HasIndex(r => new { r.CampaignId, r.OccurrenceKey }).IsUnique();
            b.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("OutboxMessages");
            b.Property(m => m.Id).ValueGeneratedNever();
            b.Property(m => m.Purpose).HasConversion<int>();
            b.Property(m => m.Status).HasConversion<int>();
            b.Property(m => m.Email).HasMaxLength(254).IsRequired();
            b.Property(m => m.AddressKey).HasMaxLength(254).IsRequired();
            b.Property(m => m.RecipientName).HasMaxLength(200);
            b.Property(m => m.Language).HasMaxLength(5).IsRequired().HasDefaultValue("vi");
            b.Property(m => m.Subject).HasMaxLength(1000).IsRequired();
            b.Property(m => m.HtmlBody).IsRequired();
            b.Property(m => m.TextBody).IsRequired();
            b.Property(m => m.UnsubscribeUrl).HasMaxLength(2000).IsRequired();
            b.Property(m => m.ProviderMessageId).HasMaxLength(200);
            b.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
            // One message per run and contact: a snapshot taken twice cannot queue a contact twice.
            b.HasIndex(m => new { m.RunId, m.ContactId }).IsUnique();
            // The claim query: Pending rows due now, oldest first.
            b.HasIndex(m => new { m.Status, m.NextAttemptAt });
            // The 3-advertising-messages-per-24-hours count.
            b.HasIndex(m => new { m.AddressKey, m.Purpose, m.Status });
            b.HasIndex(m => m.CampaignId);
            b.HasOne<CampaignRun>().WithMany().HasForeignKey(m => m.RunId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Suppression>(b =>
        {
            b.ToTable("OutreachSuppressions");
            b.Property(s => s.AddressKey).HasMaxLength(254).IsRequired();
            b.Property(s => s.Purpose).HasConversion<int>();
            b.Property(s => s.Source).HasMaxLength(20).IsRequired();
            b.Property(s => s.Reason).HasMaxLength(500);
            b.HasIndex(s => new { s.AddressKey, s.Purpose }).IsUnique();
        });

        builder.Entity<Segment>(b =>
        {
            b.ToTable("OutreachSegments");
            b.Property(s => s.Name).HasMaxLength(Segment.NameMaxLength).IsRequired();
            b.Property(s => s.RulesJson).HasMaxLength(8000).IsRequired();
            b.HasIndex(s => s.Name).IsUnique();
        });

        builder.Entity<TemplateTestSend>(b =>
        {
            b.ToTable("OutreachTestSends");
            // The hourly limit counts one user's sends since an instant.
            b.HasIndex(t => new { t.UserId, t.SentAt });
        });

        builder.Entity<WebhookEvent>(b =>
        {
            b.ToTable("OutreachWebhookEvents");
            b.Property(e => e.EventId).HasMaxLength(100).IsRequired();
            b.Property(e => e.Event).HasMaxLength(30).IsRequired();
            // Each SendGrid event is applied once, however often the webhook is delivered.
            b.HasIndex(e => e.EventId).IsUnique();
        });
    }
}
