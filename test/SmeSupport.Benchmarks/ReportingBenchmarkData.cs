using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Data;
using SmeSupport.Enterprises.Persistence;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Persistence;
using SmeSupport.Trials.Seeding;

namespace SmeSupport.Benchmarks;

/// <summary>
/// Trials, support cases and outreach campaigns for the reporting benchmark (issue 7), written through each module's own entities and
/// DbContext sets (the modules' normal persistence), in batches. Volumes for a registry of 100,000 enterprises:
/// 20,000 trials (one in five enterprises tries a platform), 15,000 cases with their status history, 24 campaigns (two a month for a
/// year) of 5,000 messages each (120,000 outbox rows with delivery and open events).
/// </summary>
internal static class ReportingBenchmarkData
{
    public static async Task<string> SeedAsync(IServiceProvider provider, int trials = 20_000, int cases = 15_000, int campaigns = 24,
        int messagesPerCampaign = 5_000)
    {
        var sw = Stopwatch.StartNew();
        List<Guid> enterpriseIds;
        using (var scope = provider.CreateScope())
        {
            var tdb = scope.ServiceProvider.GetRequiredService<TrialsDb>();
            if (await tdb.Trials.AnyAsync())
            {
                return "trials, cases and campaigns already present";
            }

            await new PlatformCatalogueSeedContributor(tdb).SeedAsync(new DataSeedContext(), CancellationToken.None);
            enterpriseIds = await scope.ServiceProvider.GetRequiredService<EnterprisesDb>().Enterprises.AsNoTracking().OrderBy(e => e.TaxCode)
                .Select(e => e.Id).ToListAsync();
        }

        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        const int batch = 5_000;

        // Trials: 20 % planned, 25 % active, 45 % completed (60 % of them adopted), 10 % cancelled.
        List<Guid> platforms;
        using (var scope = provider.CreateScope())
        {
            platforms = await scope.ServiceProvider.GetRequiredService<TrialsDb>().Platforms.Select(p => p.Id).ToListAsync();
        }

        for (var start = 0; start < trials; start += batch)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<TrialsDb>();
            db.Context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(trials, start + batch); i++)
            {
                var begin = today.AddDays(-(i % 300));
                var t = Trial.Plan(enterpriseIds[(i * 5) % enterpriseIds.Count], platforms[i % platforms.Count], null, begin, begin.AddDays(90));
                var kind = i % 20;
                if (kind >= 4)
                {
                    t.Start(now.AddDays(-(i % 300)));
                }

                if (kind is >= 9 and < 18)
                {
                    t.Complete(kind < 15 ? TrialOutcome.Adopted : TrialOutcome.NotAdopted, kind < 15 ? null : "Chi phí cao", now.AddDays(-(i % 200)));
                }
                else if (kind >= 18)
                {
                    t.Cancel("Doanh nghiệp tạm dừng", now.AddDays(-(i % 100)));
                }

                db.Trials.Add(t);
            }

            await db.Context.SaveChangesAsync();
        }

        // Cases: opened over the last 180 days; 30 % still open, the rest resolved and mostly closed.
        CaseType[] types = [CaseType.Consultation, CaseType.Training, CaseType.TechnicalProblem, CaseType.PlatformOnboarding, CaseType.EInvoiceHelp, CaseType.Other];
        for (var start = 0; start < cases; start += batch)
        {
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CasesDb>();
            db.Context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = start; i < Math.Min(cases, start + batch); i++)
            {
                var opened = now.AddDays(-(i % 180)).AddHours(-(i % 9));
                var c = SupportCase.Open(enterpriseIds[(i * 7) % enterpriseIds.Count], null, $"Yêu cầu hỗ trợ số {i}", null, types[i % types.Length],
                    (CaseChannel)(i % 4), (CasePriority)(i % 4), Guid.NewGuid(), opened);
                var stage = i % 10;
                if (stage >= 1)
                {
                    c.MoveTo(CaseStatus.InProgress, opened.AddHours(2 + i % 30));
                }

                if (stage >= 3 && opened.AddDays(3) < now)
                {
                    c.MoveTo(CaseStatus.Resolved, opened.AddHours(6 + i % 120));
                    if (stage >= 5 && opened.AddDays(8) < now)
                    {
                        c.MoveTo(CaseStatus.Closed, opened.AddDays(7));
                    }
                }

                db.SupportCases.Add(c);
            }

            await db.Context.SaveChangesAsync();
        }

        // Campaigns: two a month over the last year, one run each; 93 % sent, 2 % failed, 5 % suppressed; of the sent, 88 % delivered
        // and 35 % opened.
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OutreachDb>();
            var template = new EmailTemplate
            {
                Name = "Bản tin hóa đơn điện tử (benchmark)", Purpose = CampaignPurpose.Advertising, SubjectTemplate = "[QC] Bản tin",
                HtmlTemplate = "<p>Xin chào {{ recipient.name }}</p>", TextTemplate = "Xin chào {{ recipient.name }}",
            };
            db.EmailTemplates.Add(template);
            await db.Context.SaveChangesAsync();
            for (var k = 0; k < campaigns; k++)
            {
                using var inner = provider.CreateScope();
                var odb = inner.ServiceProvider.GetRequiredService<OutreachDb>();
                odb.Context.ChangeTracker.AutoDetectChangesEnabled = false;
                var at = now.AddDays(-15 * (campaigns - k));
                var purpose = k % 3 == 0 ? CampaignPurpose.Service : CampaignPurpose.Advertising;
                var campaign = new Campaign { Name = $"Chiến dịch {k + 1:00} - hóa đơn điện tử", Purpose = purpose, TemplateId = template.Id, Status = CampaignStatus.Completed };
                var run = new CampaignRun
                {
                    CampaignId = campaign.Id, StartedAt = at, CompletedAt = at.AddHours(1), Status = CampaignRunStatus.Completed,
                    RecipientCount = messagesPerCampaign,
                };
                odb.Campaigns.Add(campaign);
                odb.CampaignRuns.Add(run);
                for (var m = 0; m < messagesPerCampaign; m++)
                {
                    var status = (m % 100) switch { < 93 => OutboxMessageStatus.Sent, < 95 => OutboxMessageStatus.Failed, _ => OutboxMessageStatus.Skipped };
                    var sent = status == OutboxMessageStatus.Sent;
                    odb.OutboxMessages.Add(new OutboxMessage
                    {
                        RunId = run.Id, CampaignId = campaign.Id, ContactId = Guid.NewGuid(), Purpose = purpose, Email = $"lienhe{m}@dn{k}.example.com",
                        AddressKey = $"lienhe{m}@dn{k}.example.com", Subject = "[QC] Bản tin", HtmlBody = "<p>x</p>", TextBody = "x",
                        UnsubscribeUrl = "https://example.com/u", Status = status, Attempts = sent ? 1 : 0, NextAttemptAt = at, CreatedAt = at,
                        SentAt = sent ? at.AddMinutes(5) : null,
                        DeliveredAt = sent && m % 25 < 22 ? at.AddMinutes(6) : null,
                        OpenedAt = sent && m % 20 < 7 ? at.AddHours(3) : null,
                    });
                }

                await odb.Context.SaveChangesAsync();
            }
        }

        return $"{trials:N0} trials, {cases:N0} cases, {campaigns} campaigns with {campaigns * messagesPerCampaign:N0} messages in {sw.Elapsed.TotalSeconds:F1} s";
    }
}
