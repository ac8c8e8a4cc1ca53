using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Emailing;
using SmeSupport.Identity.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Reporting.Domain;
using SmeSupport.Reporting.Persistence;

namespace SmeSupport.Reporting.Application;

/// <summary>Month-end work: snapshots of every report for the month that ended, then the monthly e-mails of flagged shares.</summary>
internal sealed class ReportingMonthEnd(ReportingDb db, ReportEngine engine, IPartnerAccountService accounts, IEmailSender email,
    TimeProvider clock, ILogger<ReportingMonthEnd> logger)
{
    /// <summary>Stores the snapshots of the month that ended (idempotent). Returns how many were added.</summary>
    public Task<int> SnapshotAsync(CancellationToken ct) => engine.SnapshotAsync(engine.PreviousMonth(), ct);

    /// <summary>
    /// Sends each active share flagged for monthly e-mail, once per share and month (a delivery row, unique per share and month, is written
    /// before sending, so a second run sends nothing): the XLSX of the month that ended, under the share's columns and filters.
    /// </summary>
    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        await SnapshotAsync(ct);
        var month = engine.PreviousMonth();
        var shares = await db.SharedReports.AsNoTracking().Where(s => s.MonthlyEmail && s.RevokedAt == null).ToListAsync(ct);
        var done = await db.Deliveries.AsNoTracking().Where(d => d.Month == month).Select(d => d.SharedReportId).ToListAsync(ct);
        var sent = 0;
        foreach (var share in shares.Where(s => SharedReportAppService.IsActive(s, clock) && !done.Contains(s.Id)))
        {
            var def = ReportCatalog.Find(share.ReportKey);
            if (def is null)
            {
                continue;
            }

            var users = await accounts.ListPartnerUsersAsync(share.PartnerOrganizationId, ct);
            var result = await PartnerReportAppService.RunShareAsync(engine, share, def, new ReportQueryDto { Period = month }, paged: false, ct);
            var file = ReportExporter.Export(result, ReportFormat.Xlsx);
            db.Deliveries.Add(new SharedReportDelivery { SharedReportId = share.Id, Month = month, SentAt = clock.GetUtcNow(), Recipients = users.Count });
            try
            {
                await db.Context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                db.Context.ChangeTracker.Clear();
                continue; // another run claimed it
            }

            if (users.Count == 0)
            {
                continue;
            }

            var messages = users.Select(u => new EmailMessage
            {
                MessageId = $"report-share-{share.Id:N}-{month}-{u.Id:N}",
                To = new EmailAddress(u.Email, u.FullName),
                Subject = $"{def.Dto.TitleVi} – {month} / {def.Dto.TitleEn} – {month}",
                TextBody = $"Báo cáo \"{def.Dto.TitleVi}\" tháng {month} được đính kèm.\n\nThe report \"{def.Dto.TitleEn}\" for {month} is attached.\n",
                Attachments = [new EmailAttachment(file.FileName, file.ContentType, file.Content)],
                Categories = ["report-share"],
            }).ToList();
            var results = await email.SendAsync(messages, ct);
            foreach (var (u, r) in users.Zip(results))
            {
                db.AccessLog.Add(new ReportAccessLogEntry
                {
                    At = clock.GetUtcNow(), UserId = u.Id, UserEmail = u.Email, PartnerOrganizationId = share.PartnerOrganizationId,
                    SharedReportId = share.Id, ReportKey = share.ReportKey,
                    Filters = System.Text.Json.JsonSerializer.Serialize(new { result.Filters, columns = result.Columns.Select(c => c.Key) }, SharedReportAppService.Json),
                    Action = "Email",
                });
                if (!r.Accepted)
                {
                    logger.LogWarning("Monthly report e-mail for share {ShareId} to user {UserId} was refused: {Error}", share.Id, u.Id, r.Error);
                }
            }

            await db.Context.SaveChangesAsync(ct);
            sent += results.Count(r => r.Accepted);
        }

        return sent;
    }
}
