using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Errors;

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

    /// <summary>
    /// Saves a change to a case in one transaction. Two users changing the same case at once both compute the next
    /// status-change <c>Sequence</c>; the second insert breaks the unique (SupportCaseId, Sequence) index, or a row
    /// changed under us raises <see cref="DbUpdateConcurrencyException"/>. Both answer 409
    /// <see cref="CasesErrorCodes.ConcurrentChange"/>, and nothing of the losing request is written.
    /// </summary>
    /// <exception cref="ConflictException"><see cref="CasesErrorCodes.ConcurrentChange"/>.</exception>
    public async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            context.ChangeTracker.Clear();
            throw new ConflictException(CasesErrorCodes.ConcurrentChange, "The case was changed by someone else at the same time; nothing was saved. Reload it and try again.");
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            context.ChangeTracker.Clear();
            throw new ConflictException(CasesErrorCodes.ConcurrentChange, "The case was changed by someone else at the same time; nothing was saved. Reload it and try again.");
        }
    }

    /// <summary>SQLite "UNIQUE constraint failed" (error 19) or SQL Server 2601/2627 "duplicate key".</summary>
    private static bool IsUniqueViolation(DbUpdateException e)
    {
        for (Exception? x = e.InnerException; x is not null; x = x.InnerException)
        {
            if (x.Message.Contains("UNIQUE constraint failed", StringComparison.OrdinalIgnoreCase)
                || x.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
