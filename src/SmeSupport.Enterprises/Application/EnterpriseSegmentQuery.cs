using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>Enterprise selection for Outreach segments.</summary>
internal sealed class EnterpriseSegmentQuery(EnterprisesDb db, TimeProvider clock) : IEnterpriseSegmentQuery
{
    public async Task<IReadOnlyCollection<Guid>> FindEnterpriseIdsAsync(EnterpriseCriteriaDto criteria, CancellationToken cancellationToken = default)
    {
        var q = db.Enterprises.AsNoTracking();
        if (criteria.WardCodes is { Count: > 0 } wards)
        {
            var list = wards.ToList();
            q = q.Where(e => list.Contains(e.WardCode));
        }

        if (criteria.LegalForms is { Count: > 0 } forms)
        {
            var list = forms.ToList();
            q = q.Where(e => list.Contains(e.LegalForm));
        }

        if (criteria.Sizes is { Count: > 0 } sizes)
        {
            var list = sizes.ToList();
            q = q.Where(e => list.Contains(e.Size));
        }

        if (criteria.IndustrySections is { Count: > 0 } sections)
        {
            var list = sections.Select(s => s.Trim().ToUpperInvariant()).ToList();
            q = q.Where(e => e.IndustrySection != null && list.Contains(e.IndustrySection));
        }

        if (criteria.ProgrammeStatuses is { Count: > 0 } statuses)
        {
            var list = statuses.ToList();
            q = q.Where(e => list.Contains(e.ProgrammeStatus));
        }

        if (criteria.Cohorts is { Count: > 0 } cohorts)
        {
            var folded = cohorts.Select(c => SmeSupport.Text.VietnameseText.Fold(c)).ToList();
            q = q.Where(e => e.Cohorts.Any(c => folded.Contains(c.CohortNameFolded)));
        }

        if (criteria.ApprovedWithinDays is { } days)
        {
            var since = clock.GetUtcNow().AddDays(-days);
            var approved = db.Registrations.AsNoTracking()
                .Where(r => r.Status == RegistrationStatus.Approved && r.EnterpriseId != null && r.ReviewedAt >= since)
                .Select(r => r.EnterpriseId!.Value);
            q = q.Where(e => approved.Contains(e.Id));
        }

        return await q.Select(e => e.Id).ToListAsync(cancellationToken);
    }
}
