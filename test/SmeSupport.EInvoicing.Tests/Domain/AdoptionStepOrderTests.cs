using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;
using SmeSupport.EInvoicing.Seeding;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;

namespace SmeSupport.EInvoicing.Tests.Domain;

public class AdoptionStepOrderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly D = new(2026, 3, 2);

    private static EInvoiceAdoption New() => new() { EnterpriseId = Guid.NewGuid() };

    private static void Record(EInvoiceAdoption a, EInvoiceStep step, DateOnly date) =>
        a.RecordStep(step, date, EInvoiceStepSource.Officer, null, Now, null);

    [Fact]
    public void The_full_sequence_in_order_is_accepted()
    {
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, D);
        Record(a, EInvoiceStep.Accepted, D.AddDays(2));
        Record(a, EInvoiceStep.FirstInvoiceIssued, D.AddDays(10));
        Record(a, EInvoiceStep.IssuingRegularly, D.AddDays(100));
        Assert.Equal(EInvoiceStep.IssuingRegularly, a.CurrentStep);
        Assert.Equal(D.AddDays(100), a.CurrentStepDate);
        Assert.Equal(
            [EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Accepted, EInvoiceStep.FirstInvoiceIssued, EInvoiceStep.IssuingRegularly],
            a.Steps.Select(s => s.Step));
        Assert.All(a.Steps, s => Assert.Equal(a.Id, s.AdoptionId));
    }

    [Fact]
    public void Refused_then_resubmitted_then_accepted()
    {
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, D);
        Record(a, EInvoiceStep.Refused, D.AddDays(1));
        Record(a, EInvoiceStep.RegistrationSubmitted, D.AddDays(3));
        Record(a, EInvoiceStep.Accepted, D.AddDays(4));
        Assert.Equal(EInvoiceStep.Accepted, a.CurrentStep);
        Assert.Equal(4, a.Steps.Count);
    }

    [Fact]
    public void Same_day_steps_are_allowed()
    {
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, D);
        Record(a, EInvoiceStep.Accepted, D);
        Assert.Equal(EInvoiceStep.Accepted, a.CurrentStep);
    }

    [Fact]
    public void First_invoice_before_accepted_is_out_of_order_and_changes_nothing()
    {
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, D);
        var ex = Assert.Throws<ConflictException>(() => Record(a, EInvoiceStep.FirstInvoiceIssued, D.AddDays(5)));
        Assert.Equal(EInvoicingErrorCodes.StepOutOfOrder, ex.Code);
        Assert.Equal(409, ex.StatusCode);
        Assert.Equal(EInvoiceStep.RegistrationSubmitted, a.CurrentStep);
        Assert.Equal(D, a.CurrentStepDate);
        Assert.Single(a.Steps);
    }

    [Fact]
    public void A_date_before_the_previous_step_is_out_of_order_and_changes_nothing()
    {
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, D);
        var ex = Assert.Throws<ConflictException>(() => Record(a, EInvoiceStep.Accepted, D.AddDays(-1)));
        Assert.Equal(EInvoicingErrorCodes.StepOutOfOrder, ex.Code);
        Assert.Equal(EInvoiceStep.RegistrationSubmitted, a.CurrentStep);
        Assert.Single(a.Steps);
    }

    [Theory]
    [InlineData(EInvoiceStep.NotRegistered, EInvoiceStep.RegistrationSubmitted, true)]
    [InlineData(EInvoiceStep.NotRegistered, EInvoiceStep.Accepted, false)]
    [InlineData(EInvoiceStep.NotRegistered, EInvoiceStep.FirstInvoiceIssued, false)]
    [InlineData(EInvoiceStep.NotRegistered, EInvoiceStep.NotRegistered, false)]
    [InlineData(EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Accepted, true)]
    [InlineData(EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Refused, true)]
    [InlineData(EInvoiceStep.RegistrationSubmitted, EInvoiceStep.RegistrationSubmitted, false)]
    [InlineData(EInvoiceStep.Refused, EInvoiceStep.RegistrationSubmitted, true)]
    [InlineData(EInvoiceStep.Refused, EInvoiceStep.Accepted, false)]
    [InlineData(EInvoiceStep.Accepted, EInvoiceStep.FirstInvoiceIssued, true)]
    [InlineData(EInvoiceStep.Accepted, EInvoiceStep.IssuingRegularly, false)]
    [InlineData(EInvoiceStep.Accepted, EInvoiceStep.Refused, false)]
    [InlineData(EInvoiceStep.FirstInvoiceIssued, EInvoiceStep.IssuingRegularly, true)]
    [InlineData(EInvoiceStep.FirstInvoiceIssued, EInvoiceStep.Accepted, false)]
    [InlineData(EInvoiceStep.IssuingRegularly, EInvoiceStep.IssuingRegularly, false)]
    [InlineData(EInvoiceStep.IssuingRegularly, EInvoiceStep.NotRegistered, false)]
    public void Step_table(EInvoiceStep current, EInvoiceStep next, bool allowed) =>
        Assert.Equal(allowed, EInvoiceAdoption.CanFollow(current, next));

    [Fact]
    public void Notes_are_trimmed_and_blank_notes_dropped()
    {
        var a = New();
        a.RecordStep(EInvoiceStep.RegistrationSubmitted, D, EInvoiceStepSource.Enterprise, "  nộp qua cổng  ", Now, null);
        a.RecordStep(EInvoiceStep.Accepted, D, EInvoiceStepSource.TaxOfficeFile, "   ", Now, null);
        Assert.Equal("nộp qua cổng", a.Steps[0].Note);
        Assert.Null(a.Steps[1].Note);
        Assert.Equal(EInvoiceStepSource.TaxOfficeFile, a.Steps[1].Source);
    }

    [Fact]
    public void Steps_recorded_together_on_one_date_are_listed_in_funnel_order_whatever_their_ids()
    {
        // Refused on 12/11; a tax-office row then records RegistrationSubmitted and Accepted together, both dated 28/11.
        var a = New();
        Record(a, EInvoiceStep.RegistrationSubmitted, new DateOnly(2026, 11, 10));
        Record(a, EInvoiceStep.Refused, new DateOnly(2026, 11, 12));
        var later = Now.AddDays(1);
        var resubmitted = a.RecordStep(EInvoiceStep.RegistrationSubmitted, new DateOnly(2026, 11, 28), EInvoiceStepSource.TaxOfficeFile, null, later, null);
        var accepted = a.RecordStep(EInvoiceStep.Accepted, new DateOnly(2026, 11, 28), EInvoiceStepSource.TaxOfficeFile, null, later, null);

        // Ids put Accepted first: ordering by date, time and id alone listed "Accepted 28/11" before "RegistrationSubmitted 28/11".
        resubmitted.Id = Guid.Parse("ffffffff-0000-0000-0000-000000000000");
        accepted.Id = Guid.Parse("00000000-0000-0000-0000-000000000001");
        var shuffled = a.Steps.AsEnumerable().Reverse().ToList();

        var ordered = EInvoiceAdoption.InReachedOrder(shuffled);
        Assert.Equal(
            [EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Refused, EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Accepted],
            ordered.Select(s => s.Step));
        Assert.Equal([new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12), new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 28)],
            ordered.Select(s => s.Date));

        // Refused and a resubmission on the same date, recorded together, keep their chain order too (not plain step order).
        var b = New();
        Record(b, EInvoiceStep.RegistrationSubmitted, D);
        Record(b, EInvoiceStep.Refused, D.AddDays(1));
        Record(b, EInvoiceStep.RegistrationSubmitted, D.AddDays(1));
        Assert.Equal([EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Refused, EInvoiceStep.RegistrationSubmitted],
            EInvoiceAdoption.InReachedOrder(b.Steps.AsEnumerable().Reverse()).Select(s => s.Step));
    }
}

public class DemoAdoptionSeedTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private static List<EnterpriseSummaryDto> Pilots(int n) => Enumerable.Range(0, n)
        .Select(i => new EnterpriseSummaryDto(Guid.NewGuid(), $"26{i:00000000}", $"DN {i}", 25000, EnterpriseSize.Small,
            i % 7 == 6 ? LegalForm.HouseholdBusiness : LegalForm.JointStockCompany, ProgrammeStatus.Pilot))
        .ToList();

    [Fact]
    public void Every_pilot_gets_a_record_and_about_half_are_issuing()
    {
        var pilots = Pilots(150);
        var adoptions = DemoEInvoiceAdoptionSeedContributor.Generate(pilots, [Guid.NewGuid(), Guid.NewGuid()], Today, Now).ToList();
        Assert.Equal(150, adoptions.Count);
        Assert.Equal(pilots.Select(p => p.Id), adoptions.Select(a => a.EnterpriseId));
        var issuing = adoptions.Count(a => a.CurrentStep >= EInvoiceStep.FirstInvoiceIssued);
        Assert.InRange(issuing, 70, 80);
        foreach (var step in Enum.GetValues<EInvoiceStep>())
        {
            Assert.Contains(adoptions, a => a.CurrentStep == step);
        }
    }

    [Fact]
    public void Seeded_steps_are_in_order_and_not_in_the_future()
    {
        var pilots = Pilots(150);
        foreach (var a in DemoEInvoiceAdoptionSeedContributor.Generate(pilots, [Guid.NewGuid()], Today, Now))
        {
            for (var k = 1; k < a.Steps.Count; k++)
            {
                Assert.True(EInvoiceAdoption.CanFollow(a.Steps[k - 1].Step, a.Steps[k].Step));
                Assert.True(a.Steps[k].Date >= a.Steps[k - 1].Date);
            }

            Assert.All(a.Steps, s => Assert.True(s.Date <= Today));
            if (a.CurrentStep == EInvoiceStep.NotRegistered)
            {
                Assert.Empty(a.Steps);
                Assert.Null(a.ProviderId);
            }
            else
            {
                Assert.NotNull(a.ProviderId);
                Assert.NotNull(a.Kind);
            }
        }
    }

    [Fact]
    public void Household_businesses_issue_from_cash_registers()
    {
        var pilots = Pilots(150);
        var adoptions = DemoEInvoiceAdoptionSeedContributor.Generate(pilots, [Guid.NewGuid()], Today, Now).ToList();
        for (var i = 0; i < pilots.Count; i++)
        {
            if (pilots[i].LegalForm == LegalForm.HouseholdBusiness && adoptions[i].Kind is { } kind)
            {
                Assert.Equal(EInvoiceKind.FromCashRegister, kind);
            }
        }
    }

    [Fact]
    public void Provider_list_matches_the_domain_facts()
    {
        Assert.Equal(
            ["Viettel SInvoice", "VNPT Invoice", "MISA meInvoice", "BKAV eHoaDon", "FPT.eInvoice", "EasyInvoice"],
            EInvoiceProvidersSeedContributor.Providers.Select(p => p.Name));
    }
}
