using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Persistence;

/// <summary>The Cases module's part of the EF Core model. Tables: SupportCases.</summary>
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
            // EnterpriseId and ContactId refer to the Enterprises module: no foreign keys across modules.
            b.HasIndex(c => new { c.Status, c.OpenedAt });
            b.HasIndex(c => new { c.EnterpriseId, c.OpenedAt });
            b.HasIndex(c => c.AssigneeId);
        });
    }
}
