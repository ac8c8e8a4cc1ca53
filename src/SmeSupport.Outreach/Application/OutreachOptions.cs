using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Outreach.Application;

/// <summary>The <c>Outreach</c> configuration section.</summary>
internal sealed class OutreachOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outreach";

    /// <summary>Default of <c>Outreach:DispatcherCron</c>: every minute (evaluated in Asia/Ho_Chi_Minh).</summary>
    public const string DefaultDispatcherCron = "*/1 * * * *";

    /// <summary><c>Outreach:DispatcherCron</c>: five-field cron of the recurring dispatcher job, in Vietnam time.</summary>
    public string DispatcherCron { get; set; } = DefaultDispatcherCron;

    /// <summary>
    /// <c>Outreach:PublicBaseUrl</c>: absolute base address recipients reach the site at, used for the unsubscribe
    /// link (<c>{base}/api/outreach/unsubscribe?token=…</c>). Default <c>http://localhost:5080</c>.
    /// </summary>
    public string PublicBaseUrl { get; set; } = SmeSupport.Hosting.PublicUrls.DefaultBaseUrl;

    /// <summary><c>Outreach:SenderName</c>: the sender named in every footer (Decree 91/2020/NĐ-CP: identify the sender).</summary>
    public string SenderName { get; set; } = "Sở Khoa học và Công nghệ tỉnh Phú Thọ";

    /// <summary><c>Outreach:SenderAddress</c>: the sender's postal address or contact line in the footer.</summary>
    public string SenderAddress { get; set; } = "Việt Trì, Phú Thọ";
}

/// <summary>What the dispatcher does with a retryable failure that came without an HTTP answer (time-out, dropped connection).</summary>
internal enum AmbiguousFailurePolicy
{
    /// <summary>Retry it like a 429/5xx (at-least-once: the provider may have accepted the first try).</summary>
    Retry,

    /// <summary>Mark it Unknown and hold it for staff review (at-most-once).</summary>
    Hold,
}

/// <summary>The <c>Outreach:Dispatcher</c> configuration section: claim lease, retry back-off and limits.</summary>
internal sealed class OutreachDispatcherOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outreach:Dispatcher";

    /// <summary>
    /// <c>LeaseDuration</c>: how long a claim holds its rows (default 10 minutes). Must exceed the longest send of one
    /// batch (SendGrid:TimeoutSeconds per request); a Sending row past its lease becomes Unknown.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary><c>BaseRetryDelay</c>: first retry delay; doubled per attempt, ±20 % jitter (default 30 s).</summary>
    public TimeSpan BaseRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary><c>MaxRetryDelay</c>: cap of the back-off (default 1 hour); a provider's Retry-After may ask for more.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary><c>MaxAttempts</c>: claims per message before it is Failed (default 8).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary><c>BatchSize</c>: rows per claim; 0 (default) uses the sender's MaxBatchSize (SendGrid: 1,000).</summary>
    public int BatchSize { get; set; }

    /// <summary><c>MaxBatchesPerRun</c>: claims per dispatcher run, so one run ends (default 100).</summary>
    public int MaxBatchesPerRun { get; set; } = 100;

    /// <summary>
    /// <c>AmbiguousFailures</c>: Hold (default) or Retry; see <see cref="AmbiguousFailurePolicy"/>. Hold keeps the
    /// promise that each (run, recipient) is sent at most once: a request that may have been accepted is never sent again.
    /// </summary>
    public AmbiguousFailurePolicy AmbiguousFailures { get; set; } = AmbiguousFailurePolicy.Hold;

    /// <summary>Source of jitter in [0, 1); tests replace it.</summary>
    public Func<double> Jitter { get; set; } = Random.Shared.NextDouble;
}

/// <summary>
/// The <c>Outreach:QuietHours</c> configuration section: a daily window, in Asia/Ho_Chi_Minh wall-clock time, in which the
/// dispatcher sends no message of the listed purposes. Such messages wait (they are not dropped) and go after the window
/// ends. The window may cross midnight (the usual 21:00–07:00). No purpose listed (the default): no quiet hours.
/// </summary>
internal sealed class OutreachQuietHoursOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Outreach:QuietHours";

    /// <summary><c>Outreach:QuietHours:Start</c>: local time the window opens, <c>HH:mm</c> (default <c>21:00</c>).</summary>
    public string Start { get; set; } = "21:00";

    /// <summary><c>Outreach:QuietHours:End</c>: local time the window closes, <c>HH:mm</c> (default <c>07:00</c>); before Start means the next day.</summary>
    public string End { get; set; } = "07:00";

    /// <summary><c>Outreach:QuietHours:Purposes</c>: the purposes held (e.g. <c>["Advertising"]</c> or both); empty: quiet hours off.</summary>
    public List<CampaignPurpose> Purposes { get; set; } = [];

    /// <summary>Parses an <c>HH:mm</c> time of day; null when it is not one.</summary>
    public static TimeOnly? ParseTime(string? value) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "H:mm"], System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var t) ? t : null;

    /// <summary>Why the section is unusable, naming the setting; null when it is fine.</summary>
    public string? Problem()
    {
        var start = ParseTime(Start);
        var end = ParseTime(End);
        if (start is null)
        {
            return $"Outreach:QuietHours:Start must be a local time HH:mm (e.g. 21:00), not '{Start}'.";
        }

        if (end is null)
        {
            return $"Outreach:QuietHours:End must be a local time HH:mm (e.g. 07:00), not '{End}'.";
        }

        if (start == end)
        {
            return "Outreach:QuietHours:Start and Outreach:QuietHours:End must differ (an empty or a whole-day window is not quiet hours).";
        }

        return Purposes.Any(p => !Enum.IsDefined(p))
            ? "Outreach:QuietHours:Purposes may list only Service and Advertising."
            : null;
    }

    /// <summary>
    /// When <paramref name="utc"/> lies in the quiet window, the instant (UTC) the window ends; otherwise null. The window is
    /// [Start, End) in Vietnam time, crossing midnight when End ≤ Start.
    /// </summary>
    public DateTimeOffset? QuietUntil(DateTimeOffset utc)
    {
        if (Purposes.Count == 0 || ParseTime(Start) is not { } start || ParseTime(End) is not { } end || start == end)
        {
            return null;
        }

        var local = SmeSupport.Timing.VietnamTime.ToLocal(utc);
        var t = TimeOnly.FromTimeSpan(local.TimeOfDay);
        var day = local.Date;
        DateTime? endLocal = start < end
            ? (t >= start && t < end ? day + end.ToTimeSpan() : null)
            : t >= start ? day.AddDays(1) + end.ToTimeSpan()
            : t < end ? day + end.ToTimeSpan() : null;
        return endLocal is { } e ? new DateTimeOffset(e, local.Offset).ToUniversalTime() : null;
    }
}
