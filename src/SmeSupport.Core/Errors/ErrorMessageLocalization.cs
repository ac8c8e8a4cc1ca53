using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace SmeSupport.Errors;

/// <summary>
/// The string resources that translate error codes (ABP's localized error codes): each registered resource is a marker type whose
/// <c>.resx</c> pair is keyed by error code (<c>SmeSupport:Trials:InvalidTransition</c>), the neutral file Vietnamese and the
/// <c>.en.resx</c> English. A value may hold <c>{0}</c>, <c>{1}</c>… filled from <see cref="BusinessException.MessageArgs"/>.
/// </summary>
public sealed class ErrorMessageOptions
{
    /// <summary>Marker types of the resources, searched in order; the first that has the code wins.</summary>
    public IList<Type> ResourceTypes { get; } = [];
}

/// <summary>Translates an error code into a message in a culture.</summary>
public interface IErrorMessageLocalizer
{
    /// <summary>
    /// The message for <paramref name="code"/> in <paramref name="culture"/> with <paramref name="args"/> filled in; null when no
    /// registered resource has the code, or when the message needs more arguments than were given (callers keep their own text then).
    /// </summary>
    string? Localize(string code, IReadOnlyList<object?> args, CultureInfo culture);

    /// <summary>The message of <paramref name="exception"/> in the current UI culture: the translation of its code, or its own message.</summary>
    string Localize(BusinessException exception);
}

/// <summary>Registration of error-code resources.</summary>
public static class ErrorMessageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TResource"/> (a marker type with a <c>.resx</c> pair beside it, keyed by error code) to the resources
    /// Problem Details messages are translated from; the shared codes of <see cref="ErrorCodes"/> (<see cref="CoreErrorMessages"/>)
    /// are always searched last. Safe to call from several modules.
    /// </summary>
    public static IServiceCollection AddErrorMessages<TResource>(this IServiceCollection services)
    {
        services.AddLocalization();
        services.TryAddSingleton<IErrorMessageLocalizer, ErrorMessageLocalizer>();
        services.Configure<ErrorMessageOptions>(o =>
        {
            if (!o.ResourceTypes.Contains(typeof(TResource)))
            {
                o.ResourceTypes.Add(typeof(TResource));
            }
        });
        return services;
    }

    /// <summary>
    /// The culture an API error is told in: the request culture when the client chose one (<c>?culture=</c> or the culture cookie),
    /// else, for <c>/api</c> requests, the first supported language of <c>Accept-Language</c>; else the default (Vietnamese).
    /// </summary>
    public static CultureInfo ErrorCulture(this HttpContext httpContext)
    {
        var feature = httpContext.Features.Get<IRequestCultureFeature>();
        var options = httpContext.RequestServices.GetService<IOptions<RequestLocalizationOptions>>()?.Value;
        if (feature?.Provider is not null)
        {
            return feature.RequestCulture.UICulture;
        }

        var supported = options?.SupportedUICultures ?? [];
        if (httpContext.Request.Path.StartsWithSegments("/api"))
        {
            var languages = httpContext.Request.GetTypedHeaders().AcceptLanguage;
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1))
            {
                var name = language.Value.Value ?? "";
                var match = supported.FirstOrDefault(c => name.StartsWith(c.TwoLetterISOLanguageName, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    return match;
                }
            }
        }

        return feature?.RequestCulture.UICulture ?? options?.DefaultRequestCulture.UICulture ?? CultureInfo.GetCultureInfo("vi");
    }
}

/// <summary>Looks error codes up in the registered resources (<see cref="ErrorMessageOptions"/>) through <see cref="IStringLocalizerFactory"/>.</summary>
internal sealed class ErrorMessageLocalizer(IStringLocalizerFactory factory, IOptions<ErrorMessageOptions> options) : IErrorMessageLocalizer
{
    private readonly IReadOnlyList<IStringLocalizer> _localizers =
        options.Value.ResourceTypes.Append(typeof(CoreErrorMessages)).Distinct().Select(factory.Create).ToList();

    public string? Localize(string code, IReadOnlyList<object?> args, CultureInfo culture)
    {
        var saved = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            foreach (var localizer in _localizers)
            {
                var text = localizer[code];
                if (text.ResourceNotFound)
                {
                    continue;
                }

                try
                {
                    return string.Format(culture, text.Value, args.ToArray());
                }
                catch (FormatException)
                {
                    return null;
                }
            }

            return null;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    public string Localize(BusinessException exception) =>
        Localize(exception.Code, exception.MessageArgs, CultureInfo.CurrentUICulture) ?? exception.Message;
}
