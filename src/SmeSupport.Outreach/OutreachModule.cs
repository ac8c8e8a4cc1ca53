using Cronos;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Data;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Dispatching;
using SmeSupport.Outreach.Endpoints;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Outreach.Seeding;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.Outreach;

/// <summary>
/// The Outreach module: e-mail templates (Scriban), campaigns to the pilot enterprises' contacts, their runs and the
/// outbox the dispatcher delivers exactly once through <c>IEmailSender</c> (Decree 91/2020/NĐ-CP rules for advertising;
/// RFC 8058 one-click unsubscribe). Reaches contacts only through <c>IEnterpriseContactDirectory</c>.
/// </summary>
/// <remarks>
/// Configuration: <c>Outreach:DispatcherCron</c> (cron of the recurring dispatcher, Asia/Ho_Chi_Minh, default every
/// minute), <c>Outreach:PublicBaseUrl</c> (base of the unsubscribe links), <c>Outreach:SenderName</c>,
/// <c>Outreach:SenderAddress</c> (named in every footer), and <c>Outreach:Dispatcher:*</c> (<c>LeaseDuration</c>,
/// <c>BaseRetryDelay</c>, <c>MaxRetryDelay</c>, <c>MaxAttempts</c>, <c>BatchSize</c>, <c>MaxBatchesPerRun</c>,
/// <c>AmbiguousFailures</c> = Retry | Hold), <c>Outreach:QuietHours:*</c> (<c>Start</c>, <c>End</c> as local HH:mm,
/// <c>Purposes</c>; none listed: off), <c>Outreach:Webhook:*</c> (<c>PublicKey</c> = SendGrid's base64 P-256
/// verification key, <c>MaxAge</c> = signed-timestamp tolerance, default 5 minutes, <c>MaxBodyBytes</c>).
/// </remarks>
public sealed class OutreachModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Outreach";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddErrorMessages<OutreachErrorMessages>();
        services.AddOptions<OutreachOptions>()
            // Links default to the portal's public address (App:PublicBaseUrl); Outreach:PublicBaseUrl overrides.
            .Configure(o => o.PublicBaseUrl = SmeSupport.Hosting.PublicUrls.BaseUrl(configuration))
            .Bind(configuration.GetSection(OutreachOptions.SectionName))
            .Validate(o => IsCron(o.DispatcherCron), "Outreach:DispatcherCron must be a five-field cron expression, e.g. '*/1 * * * *'.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp),
                "Outreach:PublicBaseUrl must be an absolute http(s) address; the unsubscribe links start with it.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.SenderName), "Outreach:SenderName is required: every message names its sender (Decree 91/2020/NĐ-CP).")
            .ValidateOnStart();
        services.AddOptions<OutreachDispatcherOptions>()
            .Bind(configuration.GetSection(OutreachDispatcherOptions.SectionName))
            .Validate(o => o.LeaseDuration > TimeSpan.Zero, "Outreach:Dispatcher:LeaseDuration must be positive.")
            .Validate(o => o.BaseRetryDelay >= TimeSpan.Zero && o.MaxRetryDelay >= o.BaseRetryDelay,
                "Outreach:Dispatcher:BaseRetryDelay must be ≥ 0 and MaxRetryDelay ≥ BaseRetryDelay.")
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 0 && o.MaxBatchesPerRun >= 1,
                "Outreach:Dispatcher:MaxAttempts and MaxBatchesPerRun must be ≥ 1; BatchSize ≥ 0.")
            .ValidateOnStart();

        services.AddOptions<OutreachQuietHoursOptions>()
            .Bind(configuration.GetSection(OutreachQuietHoursOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OutreachQuietHoursOptions>, QuietHoursValidator>();

        services.AddOptions<Webhooks.SendGridWebhookOptions>()
            .Bind(configuration.GetSection(Webhooks.SendGridWebhookOptions.SectionName))
            .Validate(o => o.KeyIsValid(), "Outreach:Webhook:PublicKey must be SendGrid's verification key: base64 of a P-256 SubjectPublicKeyInfo.")
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.MaxBodyBytes > 0, "Outreach:Webhook:MaxAge and MaxBodyBytes must be positive.")
            .ValidateOnStart();
        services.AddSingleton<Webhooks.SendGridWebhookVerifier>();
        services.AddScoped<Webhooks.SendGridEventProcessor>();
        services.AddScoped<OutreachDb>();
        services.AddSingleton<UnsubscribeTokens>();
        services.AddScoped<UnsubscribeService>();
        services.AddScoped<CampaignRunFactory>();
        services.AddScoped<TemplateModelSource>();
        services.AddScoped<ITemplateAppService, TemplateAppService>();
        services.AddScoped<TestSendRateLimiter>();
        services.AddScoped<SegmentEvaluator>();
        services.AddScoped<ISegmentAppService, SegmentAppService>();
        services.AddScoped<ICampaignAppService, CampaignAppService>();
        services.AddScoped<IOutreachStatistics, OutreachStatistics>();
        services.AddSingleton<OutreachFiguresCache>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseTimelineSource, OutreachTimelineSource>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseActivityProbe, OutreachTimelineSource>();
        services.AddScoped<OutreachDispatcher>();
        services.AddScoped(sp => new OutreachDispatchJob(sp.GetRequiredService<OutreachDispatcher>(), sp.GetRequiredService<ILogger<OutreachDispatchJob>>()));
        services.AddSingleton<IDispatchTrigger, HangfireDispatchTrigger>();
        services.AddScoped<IDataSeedContributor, ReadyMadeCampaignsSeedContributor>();
        services.AddScoped<IDataSeedContributor, DemoOutreachSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => OutreachModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(OutreachPermissions.Default, "Read campaigns and their figures", RoleNames.Officer),
        new(OutreachPermissions.Manage, "Create, schedule and send campaigns", RoleNames.Officer),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        OutreachEndpoints.Map(endpoints);
        TemplateEndpoints.Map(endpoints);
        Webhooks.SendGridWebhookEndpoints.Map(endpoints);
    }

    /// <summary>
    /// Registers the recurring dispatcher job <see cref="OutreachDispatchJob.RecurringJobId"/> with the cron of
    /// <c>Outreach:DispatcherCron</c> in Asia/Ho_Chi_Minh (<see cref="VietnamTime.Zone"/>), when Hangfire is configured.
    /// </summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var recurring = services.GetService<IRecurringJobManager>();
        if (recurring is not null)
        {
            var cron = services.GetRequiredService<IOptions<OutreachOptions>>().Value.DispatcherCron;
            recurring.AddOrUpdate<OutreachDispatchJob>(OutreachDispatchJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = VietnamTime.Zone });
        }

        return Task.CompletedTask;
    }

    /// <summary>Names the bad setting of <c>Outreach:QuietHours</c> in the startup error.</summary>
    private sealed class QuietHoursValidator : IValidateOptions<OutreachQuietHoursOptions>
    {
        public ValidateOptionsResult Validate(string? name, OutreachQuietHoursOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    private static bool IsCron(string? value)
    {
        try
        {
            return !string.IsNullOrWhiteSpace(value) && CronExpression.Parse(value.Trim()) is not null;
        }
        catch (CronFormatException)
        {
            return false;
        }
    }
}
