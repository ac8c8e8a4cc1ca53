using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace SmeSupport.Web.UI;

/// <summary>
/// Wires the server-rendered UI (Razor Pages + htmx + Bootstrap) into the host.
/// </summary>
/// <remarks>
/// <para>The host must call, in this order:</para>
/// <code>
/// // services — after AddIdentity&lt;AppUser, AppRole&gt;() (SignInManager&lt;AppUser&gt;, the Identity
/// // cookie with LoginPath "/Account/Login"), AddAuthorization() with the PermissionPolicyProvider,
/// // and the module registrations (IEnterpriseAppService, IAdministrativeUnitAppService, IDashboardAppService):
/// builder.Services.AddSmeSupportWebUI();
///
/// var app = builder.Build();
/// app.UseExceptionHandler();            // if used
/// app.UseSmeSupportWebUI();             // request localization: vi default, en by cookie; before auth and endpoints
/// app.UseAuthentication();
/// app.UseAuthorization();
/// app.MapSmeSupportWebUI();             // static assets (MapStaticAssets) and Razor Pages
/// </code>
/// <para>
/// The host should not call <c>MapRazorPages</c> or <c>MapStaticAssets</c> itself (pass
/// <c>mapStaticAssets: false</c> when it does). Every page requires a signed-in user
/// (<c>AuthorizeFolder("/")</c>) except <c>/Account/Login</c>, <c>/Account/AccessDenied</c>, the error-status page
/// <c>/Status/{code}</c> and the language switch <c>/Culture</c>; pages add permission policies on top. The static files
/// are served at <c>_content/SmeSupport.Web.UI/...</c> (Bootstrap and htmx under <c>lib/</c>).
/// </para>
/// </remarks>
public static class SmeSupportWebUIExtensions
{
    /// <summary>The UI languages: Vietnamese (default) and English.</summary>
    public static IReadOnlyList<string> SupportedCultures { get; } = ["vi", "en"];

    /// <summary>The default UI language.</summary>
    public const string DefaultCulture = "vi";

    /// <summary>
    /// Registers Razor Pages of this library (pages require authentication by default; login and
    /// set-password are anonymous), view and data-annotation localization from <see cref="WebUIResource"/>, localized
    /// model-binding messages, and the request-localization options (vi default, en; chosen by the
    /// <c>.AspNetCore.Culture</c> cookie or <c>?culture=</c>, never by the browser's Accept-Language).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <returns>The MVC builder, for further configuration by the host.</returns>
    public static IMvcBuilder AddSmeSupportWebUI(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddLocalization();
        services.AddHttpContextAccessor();

        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new ReExecutedQueryStringCultureProvider(),
                new CookieRequestCultureProvider(),
            ];
        });

        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((options, factory) =>
        {
            var l = factory.Create(typeof(WebUIResource));
            var messages = options.ModelBindingMessageProvider;
            messages.SetAttemptedValueIsInvalidAccessor((value, field) => l["Validation.ValueInvalidForField", value, field]);
            messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
            messages.SetUnknownValueIsInvalidAccessor(field => l["Validation.FieldInvalid", field]);
            messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["Validation.Invalid"]);
            messages.SetValueIsInvalidAccessor(value => l["Validation.ValueInvalid", value]);
            messages.SetValueMustBeANumberAccessor(field => l["Validation.MustBeNumber", field]);
            messages.SetNonPropertyValueMustBeANumberAccessor(() => l["Validation.MustBeNumberNoField"]);
            messages.SetMissingBindRequiredValueAccessor(field => l["Validation.Required", field]);
            messages.SetValueMustNotBeNullAccessor(value => l["Validation.Required", value]);
            messages.SetMissingKeyOrValueAccessor(() => l["Validation.Invalid"]);
            messages.SetMissingRequestBodyRequiredValueAccessor(() => l["Validation.Invalid"]);
            options.ModelMetadataDetailsProviders.Add(new ImplicitRequiredMetadataProvider());
        });

        return services
            .AddRazorPages(options =>
            {
                options.Conventions.AuthorizeFolder("/");
                options.Conventions.AllowAnonymousToPage("/Account/Login");
                options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                options.Conventions.AllowAnonymousToPage("/Account/SetPassword");
                options.Conventions.AllowAnonymousToPage("/Culture");
                options.Conventions.AllowAnonymousToPage("/Status");
                options.Conventions.AllowAnonymousToFolder("/Register");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(options =>
                options.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(WebUIResource)))
            .ConfigureApplicationPartManager(AddThisAssembly);
    }

    /// <summary>
    /// Adds request localization with the options set by <see cref="AddSmeSupportWebUI"/>. Call it
    /// before authentication, authorization and the endpoints, so that pages, model binding and
    /// error messages see the chosen culture.
    /// </summary>
    /// <param name="app">The host's application builder.</param>
    /// <returns>The same builder.</returns>
    public static IApplicationBuilder UseSmeSupportWebUI(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseRequestLocalization();
    }

    /// <summary>
    /// Maps this library's Razor Pages and, unless <paramref name="mapStaticAssets"/> is false, the
    /// application's static web assets (<c>MapStaticAssets</c>: this library's files under
    /// <c>_content/SmeSupport.Web.UI/</c>, anonymous). Call after <c>UseAuthorization</c>.
    /// </summary>
    /// <param name="endpoints">The host's endpoint route builder.</param>
    /// <param name="mapStaticAssets">False when the host maps static assets itself.</param>
    /// <returns>The Razor Pages convention builder.</returns>
    public static PageActionEndpointConventionBuilder MapSmeSupportWebUI(this IEndpointRouteBuilder endpoints, bool mapStaticAssets = true)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!mapStaticAssets)
        {
            return endpoints.MapRazorPages();
        }

        endpoints.MapStaticAssets().AllowAnonymous();
        return endpoints.MapRazorPages().WithStaticAssets();
    }

    private static void AddThisAssembly(ApplicationPartManager manager)
    {
        var assembly = typeof(WebUIResource).Assembly;
        foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
        {
            if (!manager.ApplicationParts.Any(p => p.GetType() == part.GetType() && p.Name == part.Name))
            {
                manager.ApplicationParts.Add(part);
            }
        }
    }
}
