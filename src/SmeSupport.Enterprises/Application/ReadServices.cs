using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Enterprises.Domain;
using SmeSupport.Enterprises.Persistence;

namespace SmeSupport.Enterprises.Application;

/// <summary>Administrative-unit reference data.</summary>
internal sealed class AdministrativeUnitAppService(EnterprisesDb db) : IAdministrativeUnitAppService
{
    public async Task<IReadOnlyList<ProvinceDto>> GetProvincesAsync(CancellationToken cancellationToken = default) =>
        await db.Provinces.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new ProvinceDto(p.Code, p.Name, p.DivisionType, p.PhoneCode)).ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<WardDto>> GetWardsAsync(int provinceCode, CancellationToken cancellationToken = default) =>
        await db.Wards.AsNoTracking().Where(w => w.ProvinceCode == provinceCode).OrderBy(w => w.NameSortKey)
            .Select(w => new WardDto(w.Code, w.Name, w.DivisionType, w.ProvinceCode)).ToListAsync(cancellationToken);
}

/// <summary>Enterprise counts for Reporting.</summary>
internal sealed class EnterpriseStatistics(EnterprisesDb db) : IEnterpriseStatistics
{
    public async Task<IReadOnlyDictionary<ProgrammeStatus, int>> CountByProgrammeStatusAsync(CancellationToken cancellationToken = default) =>
        await db.Enterprises.AsNoTracking().GroupBy(e => e.ProgrammeStatus)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
}

/// <summary>Contacts as recipients, for Outreach.</summary>
internal sealed class EnterpriseContactDirectory(EnterprisesDb db) : IEnterpriseContactDirectory
{
    public async IAsyncEnumerable<ContactRecipientDto> StreamRecipientsAsync(IReadOnlyCollection<ProgrammeStatus>? statuses,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var row in Query(statuses is { Count: > 0 } ? statuses.ToList() : null, null).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    public async Task<IReadOnlyList<ContactRecipientDto>> GetRecipientsAsync(IReadOnlyCollection<Guid> contactIds, CancellationToken cancellationToken = default) =>
        await Query(null, contactIds.ToList()).ToListAsync(cancellationToken);

    private IQueryable<ContactRecipientDto> Query(List<ProgrammeStatus>? statuses, List<Guid>? ids)
    {
        var contacts = db.Contacts.AsNoTracking().Where(c => c.Email != null);
        if (ids is not null)
        {
            contacts = contacts.Where(c => ids.Contains(c.Id));
        }

        var enterprises = db.Enterprises.AsNoTracking();
        if (statuses is not null)
        {
            enterprises = enterprises.Where(e => statuses.Contains(e.ProgrammeStatus));
        }

        return from c in contacts
               join e in enterprises on c.EnterpriseId equals e.Id
               orderby c.Id
               select new ContactRecipientDto(c.Id, e.Id, e.Name, c.FullName, c.Email!,
                   c.Consents.Any(k => k.Purpose == ConsentPurpose.Service && k.WithdrawnAt == null),
                   c.Consents.Any(k => k.Purpose == ConsentPurpose.Advertising && k.WithdrawnAt == null),
                   c.PreferredLanguage, c.Position);
    }
}

/// <summary>Enterprise lookups for other modules.</summary>
internal sealed class EnterpriseLookup(EnterprisesDb db) : IEnterpriseLookup
{
    public async Task<IReadOnlyList<EnterpriseSummaryDto>> ListAsync(ProgrammeStatus? programmeStatus = null, CancellationToken cancellationToken = default)
    {
        var query = db.Enterprises.AsNoTracking();
        if (programmeStatus is { } status)
        {
            query = query.Where(e => e.ProgrammeStatus == status);
        }

        return await query.OrderBy(e => e.TaxCode)
            .Select(e => new EnterpriseSummaryDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.ProgrammeStatus))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, EnterpriseSummaryDto>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        var list = ids.Distinct().ToList();
        return await db.Enterprises.AsNoTracking().Where(e => list.Contains(e.Id))
            .Select(e => new EnterpriseSummaryDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.ProgrammeStatus))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
    }

    /// <summary>Rows per query when looking up many tax codes (one JSON parameter per chunk).</summary>
    private const int TaxCodeChunk = 2_000;

    /// <summary>Above this many codes the whole registry is read once.</summary>
    private const int WholeRegistryThreshold = 2_000;

    public async Task<IReadOnlyDictionary<string, EnterpriseSummaryDto>> FindByTaxCodesAsync(IReadOnlyCollection<string> canonicalTaxCodes,
        CancellationToken cancellationToken = default)
    {
        var codes = canonicalTaxCodes.Where(c => !string.IsNullOrEmpty(c)).Distinct(StringComparer.Ordinal).ToList();
        var result = new Dictionary<string, EnterpriseSummaryDto>(codes.Count, StringComparer.Ordinal);
        if (codes.Count > WholeRegistryThreshold)
        {
            // Many codes (a tax-office list): one pass over the registry beats many IN (…) queries, which scan it anyway.
            var wanted = codes.ToHashSet(StringComparer.Ordinal);
            await foreach (var e in db.Enterprises.AsNoTracking()
                               .Select(e => new EnterpriseSummaryDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.ProgrammeStatus))
                               .AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (wanted.Contains(e.TaxCode))
                {
                    result[e.TaxCode] = e;
                }
            }

            return result;
        }

        foreach (var chunk in codes.Chunk(TaxCodeChunk))
        {
            var list = chunk.ToList();
            var rows = await db.Enterprises.AsNoTracking().Where(e => list.Contains(e.TaxCode))
                .Select(e => new EnterpriseSummaryDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.ProgrammeStatus))
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.TaxCode] = row;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<EnterpriseProfileDto>> ListProfilesAsync(EnterpriseSelectionDto? selection = null,
        CancellationToken cancellationToken = default)
    {
        var query = db.Enterprises.AsNoTracking();
        if (selection is not null)
        {
            if (selection.WardCode is { } ward)
            {
                query = query.Where(e => e.WardCode == ward);
            }

            if (selection.LegalForm is { } form)
            {
                query = query.Where(e => e.LegalForm == form);
            }

            if (selection.Size is { } size)
            {
                query = query.Where(e => e.Size == size);
            }

            if (!string.IsNullOrWhiteSpace(selection.Section))
            {
                var section = selection.Section.Trim().ToUpperInvariant();
                query = query.Where(e => e.IndustrySection == section);
            }

            if (selection.ProgrammeStatus is { } status)
            {
                query = query.Where(e => e.ProgrammeStatus == status);
            }
        }

        return await query.OrderBy(e => e.TaxCode)
            .Select(e => new EnterpriseProfileDto(e.Id, e.TaxCode, e.Name, e.WardCode, e.Size, e.LegalForm, e.IndustrySection, e.ProgrammeStatus))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<EnterpriseGroupingDto>> ListGroupingsAsync(CancellationToken cancellationToken = default) =>
        await db.Enterprises.AsNoTracking()
            .Select(e => new EnterpriseGroupingDto(e.Id, e.WardCode, e.Size, e.LegalForm, e.IndustrySection, e.ProgrammeStatus))
            .ToListAsync(cancellationToken);

    public async Task<string> GetChangeStampAsync(CancellationToken cancellationToken = default) =>
        await ChangeStamp.ReadAsync(db.Context, "Enterprises", cancellationToken);

    public async Task<IReadOnlyDictionary<int, string>> GetWardNamesAsync(IReadOnlyCollection<int> wardCodes, CancellationToken cancellationToken = default)
    {
        var codes = wardCodes.Distinct().ToList();
        return await db.Wards.AsNoTracking().Where(w => codes.Contains(w.Code)).ToDictionaryAsync(w => w.Code, w => w.Name, cancellationToken);
    }
}
