using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Reporting.Domain;
using SmeSupport.Reporting.Persistence;

namespace SmeSupport.Reporting.Seeding;

/// <summary>Seeds the provincial tax office as the first partner organization (reference data, every start; once).</summary>
internal sealed class PartnerOrganizationSeedContributor(ReportingDb db) : IDataSeedContributor
{
    /// <summary>Code of the provincial tax office.</summary>
    public const string TaxOfficeCode = "THUE-TINH";

    public int Order => 400;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (await db.PartnerOrganizations.AnyAsync(p => p.CodeNormalized == TaxOfficeCode, cancellationToken))
        {
            return;
        }

        db.PartnerOrganizations.Add(new PartnerOrganization
        {
            Name = "Thuế tỉnh (Cơ quan thuế cấp tỉnh)",
            Code = TaxOfficeCode,
            CodeNormalized = TaxOfficeCode,
            ContactEmail = "thue-tinh@example.gov.vn",
        });
        await db.Context.SaveChangesAsync(cancellationToken);
    }
}
