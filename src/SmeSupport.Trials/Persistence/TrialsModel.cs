using Microsoft.EntityFrameworkCore;
using SmeSupport.Trials.Domain;

namespace SmeSupport.Trials.Persistence;

/// <summary>The Trials module's part of the EF Core model. Tables: Platforms, Trials, TrialCheckIns, TrialFeedback.</summary>
internal static class TrialsModel
{
    /// <summary>Name of the filtered unique index allowing one open (Planned/Active) trial per enterprise and platform.</summary>
    public const string OneOpenTrialIndex = "IX_Trials_OneOpenTrialPerPlatform";

    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<Platform>(b =>
        {
            b.ToTable("Platforms");
            b.Property(p => p.Name).HasMaxLength(Platform.NameMaxLength).IsRequired();
            b.Property(p => p.Provider).HasMaxLength(Platform.ProviderMaxLength).IsRequired();
            b.Property(p => p.Description).HasMaxLength(Platform.DescriptionMaxLength);
            b.Property(p => p.Category).HasConversion<int>();
            b.Property(p => p.Programme).HasConversion<int>();
            b.Property(p => p.PriceAfterTrialVnd).HasPrecision(18, 0);
            b.HasIndex(p => p.Name).IsUnique();
        });

        builder.Entity<Trial>(b =>
        {
            b.ToTable("Trials");
            b.Property(t => t.Status).HasConversion<int>();
            b.Property(t => t.Outcome).HasConversion<int?>();
            b.Property(t => t.OutcomeReason).HasMaxLength(Trial.ReasonMaxLength);
            b.Property(t => t.CancellationReason).HasMaxLength(Trial.ReasonMaxLength);
            b.Ignore(t => t.IsOpen);
            b.HasOne<Platform>().WithMany().HasForeignKey(t => t.PlatformId).OnDelete(DeleteBehavior.Restrict);
            // EnterpriseId refers to the Enterprises module: no foreign key across modules.
            b.HasIndex(t => new { t.EnterpriseId, t.PlatformId }).IsUnique()
                .HasFilter("Status IN (0, 1) AND IsDeleted = 0").HasDatabaseName(OneOpenTrialIndex);
            b.HasIndex(t => new { t.Status, t.StartDate });
            b.HasIndex(t => t.EnterpriseId);
            b.HasIndex(t => new { t.Status, t.EndDate });
        });

        builder.Entity<TrialCheckIn>(b =>
        {
            b.ToTable("TrialCheckIns");
            b.Property(c => c.UsageLevel).HasConversion<int>();
            b.Property(c => c.Source).HasConversion<int>();
            b.Property(c => c.Notes).HasMaxLength(TrialCheckIn.NotesMaxLength);
            b.HasOne<Trial>().WithMany().HasForeignKey(c => c.TrialId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(c => new { c.TrialId, c.Date });
        });

        builder.Entity<TrialFeedback>(b =>
        {
            b.ToTable("TrialFeedback");
            b.Property(f => f.Comment).HasMaxLength(TrialFeedback.CommentMaxLength);
            b.HasOne<Trial>().WithMany().HasForeignKey(f => f.TrialId).OnDelete(DeleteBehavior.Cascade);
            b.HasIndex(f => f.TrialId);
        });
    }
}
