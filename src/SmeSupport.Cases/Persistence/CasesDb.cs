using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Persistence;

/// <summary>The module's view of the unit of work: only the Cases module's own tables.</summary>
internal sealed class CasesDb(DbContext context)
{
    public DbContext Context => context;

    public DbSet<SupportCase> SupportCases => context.Set<SupportCase>();

    public DbSet<SupportCaseStatusChange> StatusChanges => context.Set<SupportCaseStatusChange>();

    public DbSet<SupportCaseMessage> Messages => context.Set<SupportCaseMessage>();

    public DbSet<SupportCaseAttachment> Attachments => context.Set<SupportCaseAttachment>();

    public DbSet<PublicHoliday> PublicHolidays => context.Set<PublicHoliday>();

    public DbSet<OfficerCommuneCoverage> Coverage => context.Set<OfficerCommuneCoverage>();

    public DbSet<CommunityVisit> Visits => context.Set<CommunityVisit>();

    public DbSet<SupportCaseSlaNotification> SlaNotifications => context.Set<SupportCaseSlaNotification>();
}
