using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;
using SmeSupport.Data;
using SmeSupport.EntityFrameworkCore;
using SmeSupport.Errors;
using SmeSupport.Identity.Application;
using SmeSupport.Identity.Domain;
using SmeSupport.Modularity;
using SmeSupport.Outreach.Delivery;
using SmeSupport.Security;
using SmeSupport.Web.UI;

namespace SmeSupport.Host;

/// <summary>
/// Builds and initializes the web host. Configuration keys (all overridable by environment
/// variables, e.g. <c>Database__Provider</c>): <c>Database:Provider</c> (Sqlite | SqlServer),
/// <c>ConnectionStrings:Default</c>, <c>ConnectionStrings:Jobs</c> (SQLite job storage file),
/// <c>Database:MigrateOnStartup</c>, <c>Seed:AdminEmail</c>, <c>Seed:AdminPassword</c>, <c>Seed:DemoData</c>,
/// <c>Hangfire:ServerEnabled</c>, <c>DataProtection:KeysPath</c> (empty: keys in the database), <c>ForwardedHeaders:*</c>,
/// <c>Logging:Format</c>, <c>OpenTelemetry:*</c>, and the e-mail keys of <c>AddSmeSupportEmail</c>.
/// </summary>
public static class SmeSupportHost
{
    /// <summary>Default SQLite file for Hangfire's job storage, relative to the content root.</summary>
    public const string DefaultJobsDatabase = "App_Data/smesupport-jobs.db";

    /// <summary>Builds the application. Throws <see cref="HostConfigurationException"/> for a wrong setting.</summary>
    /// <param name="args">Command-line arguments (configuration overrides).</param>
    /// <param name="configure">Adjusts the builder before services are added.</param>
    /// <param name="withPipeline">False for tools (DbMigrator) that use the services but serve nothing: no middleware, endpoints or UI assets.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, bool withPipeline = true)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var config = builder.Configuration;
        var services = builder.Services;

        Observability.AddSmeSupportLogging(builder);

        DatabaseSettings database;
        try
        {
            database = DatabaseSettings.From(config, builder.Environment.ContentRootPath);
        }
        catch (InvalidOperationException ex)
        {
            throw new HostConfigurationException(ex.Message, ex);
        }

        StartupChecks.CheckForwardedHeadersVariable(config);
        StartupChecks.CheckPublicBaseUrl(config, builder.Environment.IsProduction());
        var contentRoot = builder.Environment.ContentRootPath;
        var jobsDatabase = database.Provider == DatabaseProvider.Sqlite
            ? StartupChecks.JobsDatabasePath(config, database, contentRoot, DefaultJobsDatabase)
            : null;
        foreach (var (setting, folder) in StartupChecks.WritableFolders(config, database, jobsDatabase, contentRoot))
        {
            StartupChecks.EnsureWritable(setting, folder);
        }

        var modules = SmeSupportModules.Create();
        services.AddSingleton(modules);
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddSingleton<DataSeeder>();
        services.AddHostedService<SmeSupportInitializer>();
        services.AddSmeSupportDatabase(database);
        services.AddSmeSupportEmail(config);

        foreach (var module in modules.Modules)
        {
            module.ConfigureServices(services, config);
        }

        AddIdentity(services);
        AddHangfire(services, config, database, jobsDatabase);

        // One shape per status wherever a problem is written (handler, status-code pages, cookie events, rate limiter): traceId,
        // type, the 401/403 codes and a detail in the caller's language.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDetailsExceptionHandler.Customize);
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new SmeSupport.Json.StrictEnumJsonConverterFactory()));
        // Summaries and descriptions read as text: XML-doc cref markup turned into short names.
        services.AddOpenApi(o => o.AddDocumentTransformer<OpenApiXmlDocCleanup>());
        // Modules add their named policies (e.g. "registrations"); refusals are 429 Problem Details with Retry-After.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too Many Requests",
                        Detail = "Too many requests from this client; wait a while and try again.",
                        Extensions = { ["code"] = "SmeSupport:TooManyRequests" },
                    },
                });
            };
        });
        services.AddSmeSupportWebUI();

        services.AddHealthChecks()
            .AddDbContextCheck<SmeSupportDbContext>("database", tags: [HealthEndpoints.ReadyTag])
            .AddCheck<JobStorageHealthCheck>("jobs", tags: [HealthEndpoints.ReadyTag]);

        AddDataProtection(services, config["DataProtection:KeysPath"], builder.Environment.ContentRootPath);
        ForwardedHeadersSetup.Add(services, config);
        Observability.AddSmeSupportTelemetry(services, config);

        var app = builder.Build();
        if (withPipeline)
        {
            Configure(app, modules);
        }

        return app;
    }

    /// <summary>
    /// Data-protection keys (cookies, bearer tokens, unsubscribe links, antiforgery): in the database
    /// (<c>DataProtectionKeys</c> table, shared by every node on it) unless <c>DataProtection:KeysPath</c> names a
    /// folder, which every node must then share.
    /// </summary>
    private static void AddDataProtection(IServiceCollection services, string? keysPath, string contentRoot)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("SmeSupport");
        if (!string.IsNullOrWhiteSpace(keysPath))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.GetFullPath(keysPath, contentRoot)));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<SmeSupportDbContext>();
        }
    }

    private static void AddIdentity(IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<SmeSupportDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppUserClaimsPrincipalFactory>();

        const string smart = "SmeSupport";
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = smart;
                o.DefaultChallengeScheme = smart;
                o.DefaultForbidScheme = smart;
            })
            .AddPolicyScheme(smart, "Cookie or bearer", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "SmeSupport.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 with Problem Details instead of redirecting to the login page.
            o.Events.OnRedirectToLogin = ctx => ApiOrRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiOrRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddAuthorization();
    }

    private static async Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            var problems = ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx.HttpContext,
                ProblemDetails =
                {
                    Status = status,
                    Title = status == 401 ? "Unauthorized" : "Forbidden",
                    Detail = status == 401 ? "Sign in first." : "You do not have permission for this operation.",
                    Extensions = { ["code"] = status == 401 ? ErrorCodes.Unauthorized : ErrorCodes.Forbidden },
                },
            });
            return;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
    }

    private static void AddHangfire(IServiceCollection services, IConfiguration config, DatabaseSettings database, string? jobsDatabase)
    {
        var prepareSchema = config.GetValue("Hangfire:PrepareSchema", true);
        services.AddHangfire(h =>
        {
            h.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                // Hangfire:PrepareSchema=false for nodes whose login may only read, write and EXECUTE: the DbMigrator
                // (or the first node with rights to create tables) creates the HangFire schema.
                h.UseSqlServerStorage(database.ConnectionString, new Hangfire.SqlServer.SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = prepareSchema,
                });
            }
            else
            {
                var path = jobsDatabase!;
                // The default poll interval is long (an enqueued job waited over 8 s): poll every second.
                h.UseSQLiteStorage(path, new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
            }
        });

        if (config.GetValue("Hangfire:ServerEnabled", true))
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
            });
        }
    }

    private static void Configure(WebApplication app, ModuleCatalog modules)
    {
        ForwardedHeadersSetup.Use(app);
        // Request logging outside the exception handler, so it logs the status the client got (a handled 400 is a 400).
        app.UseSerilogRequestLogging(o => o.EnrichDiagnosticContext = (diagnostics, http) =>
        {
            diagnostics.Set("ClientIp", http.Connection.RemoteIpAddress?.ToString());
            diagnostics.Set("Scheme", http.Request.Scheme);
        });
        // An error status without a body: a page request (not /api, asking for HTML) is re-executed to the localized status page
        // (the status is kept); the API and other clients get Problem Details. Outside the exception handler, which leaves the
        // body empty for page requests so that they end up here too.
        app.UseWhen(ProblemDetailsExceptionHandler.IsPageRequest, page => page.UseStatusCodePagesWithReExecute("/Status/{0}"));
        app.UseWhen(ctx => !ProblemDetailsExceptionHandler.IsPageRequest(ctx), api => api.UseStatusCodePages());
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Business rule failures, bad input and expected conflicts are answered as 4xx Problem Details; they are not server
            // faults to log as errors (the handler logs conflicts at Warning).
            SuppressDiagnosticsCallback = ctx => ProblemDetailsExceptionHandler.IsExpected(ctx.Exception),
        });
        app.UseSmeSupportWebUI();
        // Routing explicitly here, after the status-code pages: a re-executed request (/Status/{code}) must be routed again,
        // which the implicit routing at the very start of the pipeline would not do (the endpoint stays unset: an empty 404).
        app.UseRouting();
        app.UseAuthentication();
        // Locks, role and password changes take effect on the next request for tokens and cookies alike.
        app.UseCurrentSecurityStamp();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapOpenApi();
        app.MapScalarApiReference(o => o.WithTitle("SmeSupport API"));
        HealthEndpoints.Map(app);

        // A signed-out browser asking for the jobs dashboard is sent to the login page rather than shown a bare 401.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/hangfire") && ctx.User.Identity?.IsAuthenticated != true,
            branch => branch.Run(ctx => ctx.ChallengeAsync(IdentityConstants.ApplicationScheme)));
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new HangfireDashboardAuthorization()],
            DashboardTitle = "SmeSupport jobs",
            AppPath = "/",
        });

        foreach (var module in modules.Modules)
        {
            module.MapEndpoints(app);
        }

        app.MapSmeSupportWebUI();
    }

    /// <summary>
    /// Applies migrations and seeds, then initializes the modules, without serving: what
    /// <c>SmeSupport.DbMigrator</c> runs (ABP's habit), for either provider.
    /// </summary>
    public static Task MigrateAndSeedAsync(WebApplication app, CancellationToken cancellationToken = default) =>
        SmeSupportInitializer.RunAsync(app.Services, app.Configuration, app.Environment,
            app.Services.GetRequiredService<ModuleCatalog>(), app.Services.GetRequiredService<DataSeeder>(),
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("SmeSupport.DbMigrator"), migrate: true, cancellationToken);
}
