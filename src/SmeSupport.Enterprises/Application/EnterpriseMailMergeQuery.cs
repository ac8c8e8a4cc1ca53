using Microsoft.EntityFrameworkCore;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>Enterprise facts for Outreach's e-mail templates.</summary>
internal sealed class EnterpriseMailMergeQuery(EnterprisesDb db) : IEnterpriseMailMergeQuery
{
    public async Task<IReadOnlyDictionary<Guid, EnterpriseMailMergeDto>> GetAsync(IReadOnlyCollection<Guid> enterpriseIds,
        CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<Guid, EnterpriseMailMergeDto>();
        foreach (var chunk in enterpriseIds.Distinct().Chunk(500))
        {
            var rows = await (from e in db.Enterprises.AsNoTracking().Where(e => chunk.Contains(e.Id))
                              join w in db.Wards.AsNoTracking() on e.WardCode equals w.Code into ws
                              from w in ws.DefaultIfEmpty()
                              join p in db.Provinces.AsNoTracking() on e.ProvinceCode equals p.Code into ps
                              from p in ps.DefaultIfEmpty()
                              select new EnterpriseMailMergeDto(e.Id, e.Name, e.ShortName, e.TaxCode,
                                  w == null ? null : w.Name, p == null ? null : p.Name))
                .ToListAsync(cancellationToken);
            rows.ForEach(r => result[r.Id] = r);
        }

        return result;
    }

    public async Task<IReadOnlyList<ContactRecipientDto>> GetContactsAsync(Guid enterpriseId, CancellationToken cancellationToken = default)
    {
        var ids = await (from c in db.Contacts.AsNoTracking()
                         join e in db.Enterprises.AsNoTracking() on c.EnterpriseId equals e.Id
                         where c.EnterpriseId == enterpriseId && c.Email != null
                         orderby c.FullName
                         select c.Id).ToListAsync(cancellationToken);
        var recipients = await new EnterpriseContactDirectory(db).GetRecipientsAsync(ids, cancellationToken);
        return recipients.OrderBy(r => ids.IndexOf(r.ContactId)).ToList();
    }
}
