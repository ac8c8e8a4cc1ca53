using Cronos;
using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeSupport.Cases.Application;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Endpoints;
using SmeSupport.Cases.Persistence;
using SmeSupport.Cases.Seeding;
using SmeSupport.Data;
using SmeSupport.Errors;
using SmeSupport.Modularity;
using SmeSupport.Security;
using SmeSupport.Timing;

namespace SmeSupport.Cases;

/// <summary>
/// The Cases module: support requests from enterprises, their workflow, service levels counted in working time (holiday
/// calendar per the Labour Code 45/2019/QH14, Art. 112), the conversation with attachments, the enterprise portal, and
/// the recurring service-level monitor. Depends on the Enterprises module only through <c>IEnterpriseLookup</c> and
/// <c>IEnterpriseContactDirectory</c>, on Identity only through <c>IUserDirectory</c>.
/// </summary>
/// <remarks>Configuration: section <c>Cases</c> (see the module's options: <c>AttachmentsPath</c>, <c>MaxAttachmentBytes</c>,
/// <c>AllowedAttachmentTypes</c>, <c>ReopenWindowDays</c>, <c>WarningMinutes</c>, <c>ServiceLevelCron</c>, <c>ServiceLevels</c>).</remarks>
public sealed class CasesModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Cases";

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CasesOptions>()
            .Bind(configuration.GetSection(CasesOptions.SectionName))
            .Validate(o => o.MaxAttachmentBytes > 0, "Cases:MaxAttachmentBytes must be positive.")
            .Validate(o => o.ReopenWindowDays >= 0, "Cases:ReopenWindowDays must be 0 or more.")
            .Validate(o => o.WarningMinutes >= 0, "Cases:WarningMinutes must be 0 or more.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.AttachmentsPath), "Cases:AttachmentsPath is required.")
            .Validate(o => o.ServiceLevels.Values.All(t => t.FirstResponseMinutes is null or > 0 && t.ResolutionMinutes is null or > 0),
                "Cases:ServiceLevels targets must be positive minutes.")
            .Validate(o => IsCron(o.ServiceLevelCron), "Cases:ServiceLevelCron must be a five-field cron expression.")
            .ValidateOnStart();
        services.AddErrorMessages<CasesErrorMessages>();
        services.AddScoped<CasesDb>();
        services.AddScoped<WorkingCalendarProvider>();
        services.AddScoped<IValidator<CreateSupportCaseDto>, CreateSupportCaseValidator>();
        services.AddScoped<ISupportCaseAppService, SupportCaseAppService>();
        services.AddScoped<CaseConversationService>();
        services.AddScoped<CaseContactResolver>();
        services.AddScoped<PortalCaseService>();
        services.AddScoped<IPortalCaseAppService>(sp => sp.GetRequiredService<PortalCaseService>());
        services.AddScoped<ICaseConversationAppService, StaffConversationAppService>();
        services.AddScoped<ICommunityVisitAppService, CommunityVisitAppService>();
        services.AddScoped<ICaseFiguresAppService, CaseFiguresAppService>();
        services.AddScoped<IPublicHolidayAppService, PublicHolidayAppService>();
        services.AddScoped<OfficerCoverageService>();
        services.AddScoped<ServiceLevelMonitor>();
        services.AddScoped(sp => new CaseServiceLevelJob(sp.GetRequiredService<ServiceLevelMonitor>()));
        services.AddScoped<ICaseStatistics, CaseStatistics>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseTimelineSource, CaseTimelineSource>();
        services.AddScoped<SmeSupport.Enterprises.Contracts.IEnterpriseActivityProbe, CaseTimelineSource>();
        services.AddScoped<ICaseSegmentQuery, CaseSegmentQuery>();
        services.AddScoped<ICaseReportSource, CaseReportSource>();
        services.AddSingleton<CaseFactsCache>();
        services.AddScoped<IDataSeedContributor, PublicHolidaySeedContributor>();
        services.AddScoped<IDataSeedContributor, DemoCasesSeedContributor>();
    }

    /// <inheritdoc />
    public override void ConfigureModel(ModelBuilder modelBuilder) => CasesModel.Configure(modelBuilder);

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(CasesPermissions.Default, "Read support cases", RoleNames.Officer),
        new(CasesPermissions.Manage, "Create, assign and work cases", RoleNames.Officer),
        new(CasesPermissions.Portal, "Enterprise portal: own enterprise's cases", RoleNames.EnterpriseUser),
        new(CasesPermissions.Visits, "Record community visits and open follow-up cases from them", RoleNames.Officer),
        new(CasesPermissions.Settings, "Edit the holiday calendar and officers' coverage"),
        new(CasesPermissions.Escalations, "Receive service-level breach escalations"),
    ];

    /// <inheritdoc />
    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        CaseEndpoints.Map(endpoints);
        VisitEndpoints.Map(endpoints);
    }

    /// <summary>Registers the recurring service-level monitor <see cref="CaseServiceLevelJob.RecurringJobId"/> (cron <c>Cases:ServiceLevelCron</c>, Asia/Ho_Chi_Minh) when Hangfire is configured.</summary>
    public override Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var recurring = services.GetService<IRecurringJobManager>();
        if (recurring is not null)
        {
            var cron = services.GetRequiredService<IOptions<CasesOptions>>().Value.ServiceLevelCron;
            recurring.AddOrUpdate<CaseServiceLevelJob>(CaseServiceLevelJob.RecurringJobId, j => j.RunAsync(CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = VietnamTime.Zone });
        }

        return Task.CompletedTask;
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
