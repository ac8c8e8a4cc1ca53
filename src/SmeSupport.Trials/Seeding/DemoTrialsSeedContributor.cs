using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Timing;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Persistence;

namespace SmeSupport.Trials.Seeding;

/// <summary>
/// Demo trials (<c>Seed:DemoData</c> only): 60 trials over the pilot enterprises (read through
/// <see cref="IEnterpriseLookup"/>), deterministic for a given enterprise list and date: 30% Completed
/// (adopted or not), 30% Active, 30% Planned, 10% Cancelled, dated around today. Skips any
/// enterprise–platform pair that already has a trial, so running it again adds nothing.
/// </summary>
internal sealed class DemoTrialsSeedContributor(TrialsDb db, IEnterpriseLookup enterprises, TimeProvider clock) : IDataSeedContributor
{
    /// <summary>How many demo trials to plan.</summary>
    public const int TrialCount = 60;

    private static readonly string[] NotAdoptedReasons =
    [
        "Chi phí sau thời gian dùng thử cao so với quy mô doanh nghiệp.",
        "Nhân viên chưa quen thao tác, cần thêm đào tạo.",
        "Đã dùng giải pháp khác của nhà cung cấp hiện tại.",
    ];

    public int Order => 1100;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (!context.DemoData)
        {
            return;
        }

        var pilots = await enterprises.ListAsync(ProgrammeStatus.Pilot, cancellationToken);
        var platforms = await db.Platforms.Where(p => p.IsActive).ToListAsync(cancellationToken);
        if (pilots.Count == 0 || platforms.Count == 0)
        {
            return;
        }

        platforms = platforms.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        var taken = (await db.Trials.IgnoreQueryFilters().Select(t => new { t.EnterpriseId, t.PlatformId }).ToListAsync(cancellationToken))
            .Select(t => (t.EnterpriseId, t.PlatformId)).ToHashSet();
        foreach (var trial in Generate(pilots.Select(p => p.Id).ToList(), platforms, VietnamTime.Today(clock), clock.GetUtcNow()))
        {
            if (taken.Add((trial.EnterpriseId, trial.PlatformId)))
            {
                db.Trials.Add(trial);
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo trials for the given enterprises (in a stable order) and platforms.</summary>
    internal static IEnumerable<Trial> Generate(IReadOnlyList<Guid> enterpriseIds, IReadOnlyList<Platform> platforms, DateOnly today, DateTimeOffset now)
    {
        for (var i = 0; i < TrialCount; i++)
        {
            var enterpriseId = enterpriseIds[(i * 5 + i / 30) % enterpriseIds.Count];
            var platform = platforms[(i * 7 + i / 30) % platforms.Count];
            var days = platform.DefaultTrialDays;
            var kind = i % 10;
            DateOnly start = kind switch
            {
                <= 2 => today.AddDays(-(days + 30 + i)),   // finished a while ago
                <= 5 => today.AddDays(-(i % Math.Max(1, days - 1))), // running now
                <= 8 => today.AddDays(7 + i % 21),          // starts soon
                _ => today.AddDays(-(10 + i % 20)),         // called off
            };
            var trial = Trial.Plan(enterpriseId, platform.Id, null, start, start.AddDays(days - 1));
            var startedAt = Instant(start, now);
            switch (kind)
            {
                case <= 2:
                    trial.Start(startedAt);
                    var adopted = i % 2 == 0;
                    trial.Complete(adopted ? TrialOutcome.Adopted : TrialOutcome.NotAdopted,
                        adopted ? null : NotAdoptedReasons[i % NotAdoptedReasons.Length], Instant(trial.EndDate, now));
                    break;
                case <= 5:
                    trial.Start(startedAt);
                    break;
                case 9:
                    trial.Start(startedAt);
                    trial.Cancel("Doanh nghiệp tạm dừng do thay đổi nhân sự phụ trách.", Instant(start.AddDays(5), now));
                    break;
            }

            yield return trial;
        }
    }

    /// <summary>09:00 Vietnam time on the date, as UTC, but never after <paramref name="now"/>.</summary>
    private static DateTimeOffset Instant(DateOnly date, DateTimeOffset now)
    {
        var local = new DateTimeOffset(date.ToDateTime(new TimeOnly(9, 0)), VietnamTime.Zone.BaseUtcOffset);
        var utc = local.ToUniversalTime();
        return utc > now ? now : utc;
    }
}
