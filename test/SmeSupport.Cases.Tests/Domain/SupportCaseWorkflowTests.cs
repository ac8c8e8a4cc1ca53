using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Seeding;
using SmeSupport.Errors;

namespace SmeSupport.Cases.Tests.Domain;

public class SupportCaseWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private static SupportCase Open(Guid? assignee = null) => SupportCase.Open(Guid.NewGuid(), null, "Cần hỗ trợ", null,
        CaseType.EInvoiceHelp, CaseChannel.Phone, CasePriority.Normal, assignee, Now);

    [Fact]
    public void Opens_as_new_without_assignee_and_assigned_with_one()
    {
        var unassigned = Open();
        Assert.Equal(CaseStatus.New, unassigned.Status);
        Assert.Equal(Now, unassigned.OpenedAt);
        Assert.Null(unassigned.ResolvedAt);

        var officer = Guid.NewGuid();
        var assigned = Open(officer);
        Assert.Equal(CaseStatus.Assigned, assigned.Status);
        Assert.Equal(officer, assigned.AssigneeId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Subject_is_required(string subject) =>
        Assert.Throws<ArgumentException>(() => SupportCase.Open(Guid.NewGuid(), null, subject, null, CaseType.Other, CaseChannel.Portal,
            CasePriority.Low, null, Now));

    [Fact]
    public void Subject_and_description_limits()
    {
        SupportCase.Open(Guid.NewGuid(), null, new string('a', 200), new string('b', 4000), CaseType.Other, CaseChannel.Portal, CasePriority.Low, null, Now);
        Assert.Throws<ArgumentException>(() => SupportCase.Open(Guid.NewGuid(), null, new string('a', 201), null, CaseType.Other,
            CaseChannel.Portal, CasePriority.Low, null, Now));
        Assert.Throws<ArgumentException>(() => SupportCase.Open(Guid.NewGuid(), null, "a", new string('b', 4001), CaseType.Other,
            CaseChannel.Portal, CasePriority.Low, null, Now));
    }

    [Fact]
    public void Full_path_stamps_resolution_and_closure()
    {
        var c = Open(Guid.NewGuid());
        c.MoveTo(CaseStatus.InProgress, Now.AddHours(1));
        c.MoveTo(CaseStatus.WaitingForEnterprise, Now.AddHours(2));
        c.MoveTo(CaseStatus.InProgress, Now.AddHours(3));
        c.MoveTo(CaseStatus.Resolved, Now.AddHours(4));
        Assert.Equal(Now.AddHours(4), c.ResolvedAt);
        c.MoveTo(CaseStatus.Closed, Now.AddHours(5));
        Assert.Equal(Now.AddHours(5), c.ClosedAt);
        Assert.Equal(CaseStatus.Closed, c.Status);
    }

    [Fact]
    public void Reopening_a_resolved_case_clears_its_resolution_time()
    {
        var c = Open(Guid.NewGuid());
        c.MoveTo(CaseStatus.InProgress, Now);
        c.MoveTo(CaseStatus.Resolved, Now);
        c.MoveTo(CaseStatus.InProgress, Now.AddDays(1));
        Assert.Null(c.ResolvedAt);
        Assert.Equal(CaseStatus.InProgress, c.Status);
    }

    [Fact]
    public void A_closed_case_is_final()
    {
        var c = Open(Guid.NewGuid());
        c.MoveTo(CaseStatus.InProgress, Now);
        c.MoveTo(CaseStatus.Resolved, Now);
        c.MoveTo(CaseStatus.Closed, Now);
        foreach (var to in Enum.GetValues<CaseStatus>())
        {
            var ex = Assert.Throws<ConflictException>(() => c.MoveTo(to, Now));
            Assert.Equal(CasesErrorCodes.InvalidTransition, ex.Code);
        }

        Assert.Throws<ConflictException>(() => c.Assign(Guid.NewGuid(), Now));
        Assert.Equal(CaseStatus.Closed, c.Status);
    }

    [Fact]
    public void Reassigning_keeps_the_status()
    {
        var c = Open(Guid.NewGuid());
        c.MoveTo(CaseStatus.InProgress, Now);
        var other = Guid.NewGuid();
        c.Assign(other, Now);
        Assert.Equal(other, c.AssigneeId);
        Assert.Equal(CaseStatus.InProgress, c.Status);
    }

    [Theory]
    [InlineData(CaseStatus.New, CaseStatus.Assigned, true)]
    [InlineData(CaseStatus.New, CaseStatus.Resolved, false)]
    [InlineData(CaseStatus.New, CaseStatus.Closed, false)]
    [InlineData(CaseStatus.Assigned, CaseStatus.InProgress, true)]
    [InlineData(CaseStatus.Assigned, CaseStatus.Closed, false)]
    [InlineData(CaseStatus.InProgress, CaseStatus.WaitingForEnterprise, true)]
    [InlineData(CaseStatus.InProgress, CaseStatus.Resolved, true)]
    [InlineData(CaseStatus.WaitingForEnterprise, CaseStatus.InProgress, true)]
    [InlineData(CaseStatus.WaitingForEnterprise, CaseStatus.Closed, false)]
    [InlineData(CaseStatus.Resolved, CaseStatus.Closed, true)]
    [InlineData(CaseStatus.Resolved, CaseStatus.InProgress, true)]
    [InlineData(CaseStatus.Closed, CaseStatus.InProgress, false)]
    public void Transition_table(CaseStatus from, CaseStatus to, bool allowed) => Assert.Equal(allowed, SupportCase.CanMove(from, to));
}

public class DemoCasesSeedTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Forty_cases_over_every_status_opened_in_the_past()
    {
        var enterprises = Enumerable.Range(0, 150).Select(_ => Guid.NewGuid()).ToList();
        var cases = DemoCasesSeedContributor.Generate(enterprises, Now).ToList();
        Assert.Equal(40, cases.Count);
        var byStatus = cases.GroupBy(c => c.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([5, 5, 5, 5, 10, 10], Enum.GetValues<CaseStatus>().Select(s => byStatus.GetValueOrDefault(s)));
        Assert.All(cases, c =>
        {
            Assert.True(c.OpenedAt < Now);
            Assert.True(c.ResolvedAt is null || (c.ResolvedAt >= c.OpenedAt && c.ResolvedAt <= Now));
            Assert.Equal(c.Status is CaseStatus.Resolved or CaseStatus.Closed, c.ResolvedAt is not null);
        });
        Assert.Equal(40, cases.Select(c => (c.EnterpriseId, c.Subject)).Distinct().Count());
        Assert.True(cases.Select(c => c.Type).Distinct().Count() >= 5);
    }
}
