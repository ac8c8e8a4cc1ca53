using SmeSupport.EInvoicing.Application;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.EInvoicing.Domain;

namespace SmeSupport.EInvoicing.Tests.Domain;

public sealed class ReconciliationRulesTests
{
    private static readonly DateOnly D = new(2026, 3, 1);

    private static TheirFacts Theirs(EInvoiceStep step, DateOnly? submitted = null, DateOnly? accepted = null, DateOnly? refused = null,
        DateOnly? first = null, DateOnly? status = null, EInvoiceKind? kind = null) =>
        new(step, kind, null, submitted, accepted, refused, first, status);

    [Fact]
    public void Theirs_ahead_plans_every_step_between_with_back_filled_dates()
    {
        var c = ReconciliationRules.Compare(OurFacts.None, Theirs(EInvoiceStep.IssuingRegularly, submitted: D, first: D.AddDays(10), status: D.AddDays(40)));
        Assert.Equal(ReconciliationOutcome.Change, c.Outcome);
        Assert.Equal(
            [new(EInvoiceStep.RegistrationSubmitted, D), new(EInvoiceStep.Accepted, D.AddDays(10)), new(EInvoiceStep.FirstInvoiceIssued, D.AddDays(10)),
                new PlannedStepDto(EInvoiceStep.IssuingRegularly, D.AddDays(40))],
            c.Plan);
    }

    [Fact]
    public void Ours_ahead_is_a_conflict()
    {
        var c = ReconciliationRules.Compare(new OurFacts(EInvoiceStep.FirstInvoiceIssued, D, null, null), Theirs(EInvoiceStep.Accepted, accepted: D));
        Assert.Equal((ReconciliationOutcome.Conflict, ReconciliationDirection.OursAhead), (c.Outcome, c.Direction));
        Assert.Empty(c.Plan);
    }

    [Fact]
    public void Theirs_ahead_but_dated_before_ours_is_a_conflict_ours_behind()
    {
        var c = ReconciliationRules.Compare(new OurFacts(EInvoiceStep.RegistrationSubmitted, D, null, null), Theirs(EInvoiceStep.Accepted, accepted: D.AddDays(-1)));
        Assert.Equal((ReconciliationOutcome.Conflict, ReconciliationDirection.OursBehind), (c.Outcome, c.Direction));
    }

    [Fact]
    public void Theirs_ahead_with_no_date_cannot_be_applied()
    {
        var c = ReconciliationRules.Compare(OurFacts.None, Theirs(EInvoiceStep.Accepted));
        Assert.Equal(ReconciliationOutcome.Conflict, c.Outcome);
        Assert.Equal("Compare.NoDate", SmeSupport.EInvoicing.Application.CodedText.KeyOf(c.Message));
    }

    [Fact]
    public void A_refusal_then_a_new_submission_moves_forward_but_an_old_submission_does_not()
    {
        var ours = new OurFacts(EInvoiceStep.Refused, D, null, null);
        Assert.Equal(ReconciliationOutcome.Change, ReconciliationRules.Compare(ours, Theirs(EInvoiceStep.Accepted, submitted: D.AddDays(2), accepted: D.AddDays(5))).Outcome);
        var old = ReconciliationRules.Compare(ours, Theirs(EInvoiceStep.RegistrationSubmitted, submitted: D.AddDays(-10)));
        Assert.Equal((ReconciliationOutcome.Conflict, ReconciliationDirection.OursAhead), (old.Outcome, old.Direction));
    }

    [Fact]
    public void Same_step_with_a_different_kind_is_a_change_of_kind_only()
    {
        var c = ReconciliationRules.Compare(new OurFacts(EInvoiceStep.Accepted, D, EInvoiceKind.WithCode, null), Theirs(EInvoiceStep.Accepted, kind: EInvoiceKind.WithoutCode));
        Assert.Equal((ReconciliationOutcome.Change, ReconciliationDirection.Same, EInvoiceKind.WithoutCode), (c.Outcome, c.Direction, c.KindChange));
        Assert.Empty(c.Plan);
    }

    [Theory]
    [InlineData("Mã số thuế", true)]
    [InlineData("MA SO THUE", true)]
    [InlineData("tax_code", true)]
    [InlineData("Ngày chấp nhận", true)]
    [InlineData("Ghi chú", false)]
    public void Headers_are_known_in_vietnamese_or_english_ignoring_case_and_diacritics(string header, bool known) =>
        Assert.Equal(known, TaxOfficeFile.Headers.ContainsKey(TaxOfficeFile.FoldHeader(header)));

    [Theory]
    [InlineData("Có mã", EInvoiceKind.WithCode)]
    [InlineData("Không có mã", EInvoiceKind.WithoutCode)]
    [InlineData("Khởi tạo từ máy tính tiền", EInvoiceKind.FromCashRegister)]
    [InlineData("without code", EInvoiceKind.WithoutCode)]
    public void Kinds_are_read_in_either_language(string text, EInvoiceKind kind)
    {
        Assert.True(TaxOfficeFile.TryParseKind(text, out var parsed));
        Assert.Equal(kind, parsed);
    }

    [Theory]
    [InlineData("05/03/2026", 2026, 3, 5)]
    [InlineData("5/3/2026", 2026, 3, 5)]
    [InlineData("2026-03-05", 2026, 3, 5)]
    public void Dates_are_read_day_first(string text, int y, int m, int d)
    {
        Assert.True(TaxOfficeFile.TryParseDate(text, out var date));
        Assert.Equal(new DateOnly(y, m, d), date);
    }
}
