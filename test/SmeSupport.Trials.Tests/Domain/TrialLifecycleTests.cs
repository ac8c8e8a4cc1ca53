using SmeSupport.Errors;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;
using SmeSupport.Trials.Seeding;

namespace SmeSupport.Trials.Tests.Domain;

public class TrialLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Start = new(2026, 12, 1);

    private static Trial Planned() => Trial.Plan(Guid.NewGuid(), Guid.NewGuid(), null, Start, Start.AddDays(29));

    [Fact]
    public void A_new_trial_is_planned_and_open()
    {
        var trial = Planned();
        Assert.Equal(TrialStatus.Planned, trial.Status);
        Assert.True(trial.IsOpen);
        Assert.Null(trial.StartedAt);
    }

    [Fact]
    public void End_before_start_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Trial.Plan(Guid.NewGuid(), Guid.NewGuid(), null, Start, Start.AddDays(-1)));
    }

    [Fact]
    public void A_one_day_trial_is_allowed()
    {
        var trial = Trial.Plan(Guid.NewGuid(), Guid.NewGuid(), null, Start, Start);
        Assert.Equal(trial.StartDate, trial.EndDate);
    }

    [Fact]
    public void Planned_to_active_to_completed_adopted()
    {
        var trial = Planned();
        trial.Start(Now);
        Assert.Equal(TrialStatus.Active, trial.Status);
        Assert.Equal(Now, trial.StartedAt);

        trial.Complete(TrialOutcome.Adopted, "  ", Now.AddDays(30));
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal(TrialOutcome.Adopted, trial.Outcome);
        Assert.Null(trial.OutcomeReason);
        Assert.Equal(Now.AddDays(30), trial.CompletedAt);
        Assert.False(trial.IsOpen);
    }

    [Fact]
    public void Not_adopted_needs_a_reason_and_keeps_it_trimmed()
    {
        var trial = Planned();
        trial.Start(Now);
        Assert.Throws<ArgumentException>(() => trial.Complete(TrialOutcome.NotAdopted, " ", Now));
        Assert.Equal(TrialStatus.Active, trial.Status);

        trial.Complete(TrialOutcome.NotAdopted, " Quá đắt ", Now);
        Assert.Equal("Quá đắt", trial.OutcomeReason);
    }

    [Fact]
    public void Planned_and_active_trials_can_be_cancelled()
    {
        var planned = Planned();
        planned.Cancel("Đổi kế hoạch", Now);
        Assert.Equal(TrialStatus.Cancelled, planned.Status);
        Assert.Equal("Đổi kế hoạch", planned.CancellationReason);
        Assert.Equal(Now, planned.CancelledAt);

        var active = Planned();
        active.Start(Now);
        active.Cancel(null, Now);
        Assert.Equal(TrialStatus.Cancelled, active.Status);
    }

    [Fact]
    public void A_planned_trial_cannot_be_completed()
    {
        var trial = Planned();
        var ex = Assert.Throws<ConflictException>(() => trial.Complete(TrialOutcome.Adopted, null, Now));
        Assert.Equal(TrialsErrorCodes.InvalidTransition, ex.Code);
        Assert.Equal(409, ex.StatusCode);
        Assert.Equal(TrialStatus.Planned, trial.Status);
        Assert.Null(trial.Outcome);
    }

    [Fact]
    public void An_active_trial_cannot_be_started_again()
    {
        var trial = Planned();
        trial.Start(Now);
        var ex = Assert.Throws<ConflictException>(() => trial.Start(Now.AddDays(1)));
        Assert.Equal(TrialsErrorCodes.InvalidTransition, ex.Code);
        Assert.Equal(Now, trial.StartedAt);
    }

    [Theory]
    [InlineData(TrialStatus.Completed)]
    [InlineData(TrialStatus.Cancelled)]
    public void Finished_trials_are_final(TrialStatus final)
    {
        var trial = Planned();
        trial.Start(Now);
        if (final == TrialStatus.Completed)
        {
            trial.Complete(TrialOutcome.Adopted, null, Now);
        }
        else
        {
            trial.Cancel(null, Now);
        }

        Assert.Equal(TrialsErrorCodes.InvalidTransition, Assert.Throws<ConflictException>(() => trial.Start(Now)).Code);
        Assert.Equal(TrialsErrorCodes.InvalidTransition, Assert.Throws<ConflictException>(() => trial.Cancel(null, Now)).Code);
        Assert.Equal(TrialsErrorCodes.InvalidTransition,
            Assert.Throws<ConflictException>(() => trial.Complete(TrialOutcome.Adopted, null, Now)).Code);
        Assert.Equal(final, trial.Status);
        Assert.Empty(Trial.NextStatuses(final));
    }

    [Theory]
    [InlineData(TrialStatus.Planned, TrialStatus.Active, true)]
    [InlineData(TrialStatus.Planned, TrialStatus.Cancelled, true)]
    [InlineData(TrialStatus.Planned, TrialStatus.Completed, false)]
    [InlineData(TrialStatus.Active, TrialStatus.Completed, true)]
    [InlineData(TrialStatus.Active, TrialStatus.Cancelled, true)]
    [InlineData(TrialStatus.Active, TrialStatus.Planned, false)]
    [InlineData(TrialStatus.Completed, TrialStatus.Active, false)]
    [InlineData(TrialStatus.Cancelled, TrialStatus.Planned, false)]
    public void Transition_table(TrialStatus from, TrialStatus to, bool allowed) => Assert.Equal(allowed, Trial.CanMove(from, to));

    [Theory]
    [InlineData(TrialStatus.Planned, true)]
    [InlineData(TrialStatus.Active, true)]
    [InlineData(TrialStatus.Completed, false)]
    [InlineData(TrialStatus.Cancelled, false)]
    public void Open_statuses_match_the_unique_index_filter(TrialStatus status, bool open)
    {
        // The filtered unique index is "Status IN (0, 1)": Planned = 0, Active = 1.
        Assert.Equal(open, Trial.IsOpenStatus(status));
        Assert.Equal(open, (int)status is 0 or 1);
    }
}

public class DemoTrialsSeedTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);

    private static List<Platform> Platforms() => PlatformCatalogueSeedContributor.Catalogue
        .Select(p => new Platform { Name = p.Name, Provider = p.Provider, Category = p.Category, Programme = p.Programme, DefaultTrialDays = p.Days })
        .ToList();

    private static List<Guid> Enterprises(int n) => Enumerable.Range(1, n).Select(i => new Guid(i, 0, 0, new byte[8])).ToList();

    [Fact]
    public void Sixty_trials_with_every_status_and_distinct_enterprise_platform_pairs()
    {
        var trials = DemoTrialsSeedContributor.Generate(Enterprises(150), Platforms(), Today, Now).ToList();
        Assert.Equal(60, trials.Count);
        Assert.Equal(60, trials.Select(t => (t.EnterpriseId, t.PlatformId)).Distinct().Count());
        var byStatus = trials.GroupBy(t => t.Status).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(18, byStatus[TrialStatus.Completed]);
        Assert.Equal(18, byStatus[TrialStatus.Active]);
        Assert.Equal(18, byStatus[TrialStatus.Planned]);
        Assert.Equal(6, byStatus[TrialStatus.Cancelled]);
        Assert.Contains(trials, t => t.Outcome == TrialOutcome.NotAdopted && t.OutcomeReason is not null);
        Assert.Contains(trials, t => t.Outcome == TrialOutcome.Adopted);
    }

    [Fact]
    public void Dates_make_sense_against_today()
    {
        foreach (var t in DemoTrialsSeedContributor.Generate(Enterprises(150), Platforms(), Today, Now))
        {
            Assert.True(t.EndDate >= t.StartDate);
            Assert.True(t.StartedAt is null || t.StartedAt <= Now);
            Assert.True(t.CompletedAt is null || t.CompletedAt <= Now);
            Assert.True(t.CancelledAt is null || t.CancelledAt <= Now);
            switch (t.Status)
            {
                case TrialStatus.Active:
                    Assert.True(t.StartDate <= Today && t.EndDate >= Today, $"{t.StartDate}–{t.EndDate}");
                    break;
                case TrialStatus.Planned:
                    Assert.True(t.StartDate > Today);
                    break;
                case TrialStatus.Completed:
                    Assert.True(t.EndDate < Today);
                    break;
            }
        }
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        var platforms = Platforms();
        var a = DemoTrialsSeedContributor.Generate(Enterprises(150), platforms, Today, Now).Select(t => (t.EnterpriseId, t.PlatformId, t.Status, t.StartDate)).ToList();
        var b = DemoTrialsSeedContributor.Generate(Enterprises(150), platforms, Today, Now).Select(t => (t.EnterpriseId, t.PlatformId, t.Status, t.StartDate)).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void Catalogue_names_are_unique_and_figures_valid()
    {
        var catalogue = PlatformCatalogueSeedContributor.Catalogue;
        Assert.InRange(catalogue.Length, 10, 15);
        Assert.Equal(catalogue.Length, catalogue.Select(p => p.Name).Distinct().Count());
        Assert.All(catalogue, p =>
        {
            Assert.InRange(p.Days, 1, 365);
            Assert.True(p.PriceVnd >= 0);
            Assert.True(p.Name.Length <= Platform.NameMaxLength);
        });
        foreach (var category in Enum.GetValues<PlatformCategory>().Where(c => c != PlatformCategory.Other))
        {
            Assert.Contains(catalogue, p => p.Category == category);
        }
    }
}
