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
