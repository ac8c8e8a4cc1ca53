using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Persistence;

/// <summary>
/// The Cases module's part of the EF Core model. Tables: SupportCases, SupportCaseStatusChanges, SupportCaseMessages,
/// SupportCaseAttachments, PublicHolidays, OfficerCommuneCoverages, SupportCaseSlaNotifications, CommunityVisits,
/// CommunityVisitMembers, CommunityVisitEnterprises.
/// </summary>
internal static class CasesModel
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<SupportCase>(b =>
        {
            b.ToTable("SupportCases");
            b.Property(c => c.Subject).HasMaxLength(SupportCase.SubjectMaxLength).IsRequired();
            b.Property(c => c.Description).HasMaxLength(SupportCase.DescriptionMaxLength);
            b.Property(c => c.Type).HasConversion<int>();
            b.Property(c => c.Channel).HasConversion<int>();
            b.Property(c => c.Priority).HasConversion<int>();
            b.Property(c => c.Status).HasConversion<int>();
            b.Property(c => c.RatingComment).HasMaxLength(1000);
            b.Ignore(c => c.ActingUserId);
            b.HasMany(c => c.StatusChanges).WithOne().HasForeignKey(s => s.SupportCaseId).OnDelete(DeleteBehavior.Cascade);
            // EnterpriseId and ContactId refer to the Enterprises module, AssigneeId to Identity: no foreign keys across modules.
            b.HasIndex(c => new { c.Status, c.OpenedAt });
            b.HasIndex(c => new { c.EnterpriseId, c.OpenedAt });
            b.HasIndex(c => c.AssigneeId);
            b.HasOne<CommunityVisit>().WithMany().HasForeignKey(c => c.CommunityVisitId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<CommunityVisit>(b =>
        {
            b.ToTable("CommunityVisits");
            b.Property(v => v.MemberNames).HasMaxLength(CommunityVisit.MaxItems * (CommunityVisit.NameMaxLength + 1));
            b.Property(v => v.HouseholdNames).HasMaxLength(CommunityVisit.MaxItems * (CommunityVisit.NameMaxLength + 1));
            b.Property(v => v.Topics).HasMaxLength(500);
            b.Property(v => v.OtherTopic).HasMaxLength(CommunityVisit.OtherTopicMaxLength);
            b.Property(v => v.Notes).HasMaxLength(CommunityVisit.NotesMaxLength);
            b.HasMany(v => v.Members).WithOne().HasForeignKey(m => m.CommunityVisitId).OnDelete(DeleteBehavior.Cascade);
            b.HasMany(v => v.Enterprises).WithOne().HasForeignKey(e => e.CommunityVisitId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(v => new { v.WardCode, v.VisitDate });
            b.HasIndex(v => v.VisitDate);
        });

        builder.Entity<CommunityVisitMember>(b =>
        {
            b.ToTable("CommunityVisitMembers");
            b.HasKey(m => new { m.CommunityVisitId, m.UserId });
        });

        builder.Entity<CommunityVisitEnterprise>(b =>
        {
            b.ToTable("CommunityVisitEnterprises");
            b.HasKey(e => new { e.CommunityVisitId, e.EnterpriseId });
            // EnterpriseId refers to the Enterprises module: no foreign key across modules.
            b.HasIndex(e => e.EnterpriseId);
        });

        builder.Entity<SupportCaseStatusChange>(b =>
        {
            b.ToTable("SupportCaseStatusChanges");
            // Added through SupportCase.StatusChanges with the id already set: never store-generated, so EF inserts it.
            b.Property(s => s.Id).ValueGeneratedNever();
            b.Property(s => s.ToStatus).HasConversion<int>();
            b.HasIndex(s => new { s.SupportCaseId, s.Sequence }).IsUnique();
        });

        builder.Entity<SupportCaseMessage>(b =>
        {
            b.ToTable("SupportCaseMessages");
            b.Property(m => m.Body).HasMaxLength(SupportCaseMessage.BodyMaxLength).IsRequired();
            b.Property(m => m.AuthorKind).HasConversion<int>();
            b.Property(m => m.EmailNote).HasMaxLength(500);
            b.HasOne<SupportCase>().WithMany().HasForeignKey(m => m.SupportCaseId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(m => new { m.SupportCaseId, m.PostedAt });
        });

        builder.Entity<SupportCaseAttachment>(b =>
        {
            b.ToTable("SupportCaseAttachments");
            b.Property(a => a.FileName).HasMaxLength(SupportCaseAttachment.FileNameMaxLength).IsRequired();
            b.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
            b.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
            b.Property(a => a.AuthorKind).HasConversion<int>();
            b.HasOne<SupportCase>().WithMany().HasForeignKey(a => a.SupportCaseId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(a => a.SupportCaseId);
        });

        builder.Entity<PublicHoliday>(b =>
        {
            b.ToTable("PublicHolidays");
            b.Property(h => h.Name).HasMaxLength(PublicHoliday.NameMaxLength).IsRequired();
            b.Property(h => h.Kind).HasConversion<int>();
            b.HasIndex(h => h.Date).IsUnique();
        });

        builder.Entity<OfficerCommuneCoverage>(b =>
        {
            b.ToTable("OfficerCommuneCoverages");
            b.HasKey(c => new { c.OfficerId, c.WardCode });
            b.HasIndex(c => c.WardCode);
        });

        builder.Entity<SupportCaseSlaNotification>(b =>
        {
            b.ToTable("SupportCaseSlaNotifications");
            b.Property(n => n.Threshold).HasConversion<int>();
            b.Property(n => n.Recipients).HasMaxLength(2000).IsRequired();
            b.HasIndex(n => new { n.SupportCaseId, n.Threshold }).IsUnique();
        });
    }
}
