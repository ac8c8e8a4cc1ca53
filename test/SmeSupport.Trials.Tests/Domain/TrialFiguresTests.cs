using SmeSupport.Trials.Application;
using SmeSupport.Trials.Contracts;
using SmeSupport.Trials.Domain;

namespace SmeSupport.Trials.Tests.Domain;

public class TrialFiguresTests
{
    private static TrialAppService.FigureInput Adopted(DateOnly start, DateTimeOffset startedAt, DateTimeOffset completedAt) =>
        new(Guid.Empty, "P", PlatformCategory.EInvoice, TrialStatus.Completed, TrialOutcome.Adopted, start, startedAt, completedAt);

    [Fact]
    public void Median_days_to_adoption_count_from_the_trial_start_date_not_from_when_start_was_pressed()
    {
        // A trial that ran from 1 Nov, started and completed in the portal on 29 Nov (Vietnam time): 28 days, not 0.
        var pressedLate = Adopted(new DateOnly(2026, 11, 1), new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 29, 3, 0, 0, TimeSpan.Zero));
        // 10 Nov to 20 Nov 23:30 Vietnam time (16:30 UTC): 10 days.
        var onTime = Adopted(new DateOnly(2026, 11, 10), new DateTimeOffset(2026, 11, 10, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 16, 30, 0, TimeSpan.Zero));
        // Completed before its planned start date: 0, never negative.
        var early = Adopted(new DateOnly(2026, 12, 5), new DateTimeOffset(2026, 11, 1, 1, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

        Assert.Equal(19d, TrialAppService.Figures([pressedLate, onTime]).MedianDaysToAdoption);
        Assert.Equal(10d, TrialAppService.Figures([pressedLate, onTime, early]).MedianDaysToAdoption);
    }
}
