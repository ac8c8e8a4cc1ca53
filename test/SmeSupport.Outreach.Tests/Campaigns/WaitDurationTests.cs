using System.Globalization;
using SmeSupport.Outreach.Application;

namespace SmeSupport.Outreach.Tests.Campaigns;

/// <summary>The wait in the test-send limit's message: seconds under a minute, whole minutes (rounded up) from a minute on.</summary>
public sealed class WaitDurationTests
{
    [Theory]
    [InlineData(1, "1 giây", "1 s")]
    [InlineData(59, "59 giây", "59 s")]
    [InlineData(60, "1 phút", "1 min")]
    [InlineData(61, "2 phút", "2 min")]
    [InlineData(3310, "56 phút", "56 min")]
    [InlineData(3600, "60 phút", "60 min")]
    public void A_wait_reads_in_seconds_below_a_minute_and_in_minutes_from_a_minute(int seconds, string vi, string en)
    {
        Assert.Equal(vi, string.Format(CultureInfo.GetCultureInfo("vi-VN"), "{0}", new WaitDuration(seconds)));
        Assert.Equal(en, string.Format(CultureInfo.GetCultureInfo("en"), "{0}", new WaitDuration(seconds)));
    }
}
