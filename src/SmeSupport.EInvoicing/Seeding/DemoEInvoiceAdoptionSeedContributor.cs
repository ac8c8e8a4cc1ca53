using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Persistence;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Timing;

namespace SmeSupport.EInvoicing.Seeding;

/// <summary>
/// Demo adoption records (<c>Seed:DemoData</c> only): every pilot enterprise (through
/// <see cref="IEnterpriseLookup"/>, in tax-code order) gets one, with a deterministic spread of current
/// steps — 10% NotRegistered, 10% RegistrationSubmitted, 5% Refused, 25% Accepted, 20% FirstInvoiceIssued,
/// 30% IssuingRegularly (half issuing) — and dated steps in order. Household businesses issue from cash
/// registers (Decree 70/2025/NĐ-CP). Enterprises that already have a record are skipped.
/// </summary>
internal sealed class DemoEInvoiceAdoptionSeedContributor(EInvoicingDb db, IEnterpriseLookup enterprises, TimeProvider clock)
    : IDataSeedContributor
{
    public int Order => 1110;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (!context.DemoData)
        {
            return;
        }

        var pilots = await enterprises.ListAsync(ProgrammeStatus.Pilot, cancellationToken);
        var providers = (await db.Providers.Where(p => p.IsActive).ToListAsync(cancellationToken))
            .OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Id).ToList();
        var existing = await db.Adoptions.Select(a => a.EnterpriseId).ToHashSetAsync(cancellationToken);
        foreach (var adoption in Generate(pilots, providers, VietnamTime.Today(clock), clock.GetUtcNow()))
        {
            if (existing.Add(adoption.EnterpriseId))
            {
                db.Adoptions.Add(adoption);
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The target step of the i-th pilot enterprise.</summary>
    internal static EInvoiceStep TargetStep(int i) => (i % 20) switch
    {
        < 2 => EInvoiceStep.NotRegistered,
        < 4 => EInvoiceStep.RegistrationSubmitted,
        < 5 => EInvoiceStep.Refused,
        < 10 => EInvoiceStep.Accepted,
        < 14 => EInvoiceStep.FirstInvoiceIssued,
        _ => EInvoiceStep.IssuingRegularly,
    };

    /// <summary>The demo records for the given enterprises (in a stable order).</summary>
    internal static IEnumerable<EInvoiceAdoption> Generate(IReadOnlyList<EnterpriseSummaryDto> pilots, IReadOnlyList<Guid> providers,
        DateOnly today, DateTimeOffset now)
    {
        for (var i = 0; i < pilots.Count; i++)
        {
            var target = TargetStep(i);
            var enterprise = pilots[i];
            var adoption = new EInvoiceAdoption { EnterpriseId = enterprise.Id };
            if (target != EInvoiceStep.NotRegistered)
            {
                adoption.Kind = enterprise.LegalForm == LegalForm.HouseholdBusiness ? EInvoiceKind.FromCashRegister
                    : i % 3 == 0 ? EInvoiceKind.WithoutCode : EInvoiceKind.WithCode;
                adoption.ProviderId = providers.Count == 0 ? null : providers[i % providers.Count];

                // Recent registrations for those still waiting; older ones for those further along.
                var submitted = target is EInvoiceStep.RegistrationSubmitted or EInvoiceStep.Refused
                    ? today.AddDays(-(3 + i % 25))
                    : today.AddDays(-(200 + (i * 7) % 300));
                var source = (EInvoiceStepSource)(i % 3);
                adoption.RecordStep(EInvoiceStep.RegistrationSubmitted, submitted, EInvoiceStepSource.Officer, null, now, null);
                var answered = Min(submitted.AddDays(1 + i % 5), today);
                if (target == EInvoiceStep.Refused)
                {
                    adoption.RecordStep(EInvoiceStep.Refused, answered, EInvoiceStepSource.TaxOfficeFile,
                        "Thông tin chữ ký số trên tờ khai không khớp.", now, null);
                }
                else if (target >= EInvoiceStep.Accepted)
                {
                    adoption.RecordStep(EInvoiceStep.Accepted, answered, EInvoiceStepSource.TaxOfficeFile, null, now, null);
                    if (target >= EInvoiceStep.FirstInvoiceIssued)
                    {
                        var first = Min(answered.AddDays(5 + i % 30), today);
                        adoption.RecordStep(EInvoiceStep.FirstInvoiceIssued, first, source, null, now, null);
                        if (target == EInvoiceStep.IssuingRegularly)
                        {
                            adoption.RecordStep(EInvoiceStep.IssuingRegularly, Min(first.AddDays(90), today), EInvoiceStepSource.TaxOfficeFile,
                                "Xuất hóa đơn đều đặn hằng tháng.", now, null);
                        }
                    }
                }
            }

            yield return adoption;
        }
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
