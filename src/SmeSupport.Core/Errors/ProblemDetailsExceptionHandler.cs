using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace SmeSupport.Errors;

/// <summary>
/// Turns exceptions into RFC 9457 Problem Details: <see cref="BusinessException"/> with its code
/// and status, FluentValidation failures as 400 with field errors, malformed JSON as 400,
/// optimistic-concurrency clashes as 409; a file store that cannot be written (<see cref="IOException"/>,
/// <see cref="UnauthorizedAccessException"/>) as 503; anything else as 500 without internals (logged).
/// </summary>
public sealed class ProblemDetailsExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemDetailsExceptionHandler> logger)
    : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var localizer = httpContext.RequestServices.GetService(typeof(IErrorMessageLocalizer)) as IErrorMessageLocalizer;
        var culture = httpContext.ErrorCulture();
        var problem = ToProblem(exception, out var status, Text(localizer, culture));
        // The detail in the caller's language (Vietnamese by default), from the resources registered with AddErrorMessages.
        if (localizer is not null
            && problem.Extensions.TryGetValue("code", out var code) && code is string text
            && localizer.Localize(text, (exception as BusinessException)?.MessageArgs ?? [], culture) is { } localized)
        {
            problem.Detail = localized;
        }

        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        }
        else if (status == StatusCodes.Status409Conflict)
        {
            // An expected clash (someone else saved first, a unique key taken by a concurrent request): not a fault, no stack trace.
            logger.LogWarning("Conflict {Code} for {Method} {Path}: {ExceptionType}", problem.Extensions["code"],
                httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name);
        }

        httpContext.Response.StatusCode = status;
        if (exception is BusinessException { RetryAfter: { } wait })
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (IsPageRequest(httpContext))
        {
            // A browser page: no JSON; the status-code pages (outside this handler) show the localized status page.
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>
    /// <c>ProblemDetailsOptions.CustomizeProblemDetails</c> for every Problem Details the host writes (this handler, the
    /// status-code pages, the cookie events, the rate limiter), so that one status has one shape wherever it is produced: the
    /// <c>traceId</c>; <c>type</c> <c>https://httpstatuses.io/{status}</c>; for 401 and 403 the code
    /// (<see cref="ErrorCodes.Unauthorized"/>, <see cref="ErrorCodes.Forbidden"/>) and a title; and the <c>detail</c> of 401, 403,
    /// 429 and of problems without one translated from the code into the caller's language (<see cref="ErrorMessageServiceCollectionExtensions.ErrorCulture"/>).
    /// </summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var http = context.HttpContext;
        problem.Extensions.TryAdd("traceId", http.TraceIdentifier);
        var status = problem.Status ?? http.Response.StatusCode;
        if (status == StatusCodes.Status401Unauthorized)
        {
            problem.Extensions.TryAdd("code", ErrorCodes.Unauthorized);
            problem.Title = "Unauthorized";
        }
        else if (status == StatusCodes.Status403Forbidden)
        {
            problem.Extensions.TryAdd("code", ErrorCodes.Forbidden);
            problem.Title = "Forbidden";
        }

        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = $"https://httpstatuses.io/{status}";
        }

        if ((problem.Detail is null || status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status429TooManyRequests)
            && problem.Extensions.TryGetValue("code", out var code) && code is string text
            && http.RequestServices.GetService(typeof(IErrorMessageLocalizer)) is IErrorMessageLocalizer localizer
            && localizer.Localize(text, [], http.ErrorCulture()) is { } localized)
        {
            problem.Detail = localized;
        }
    }

    /// <summary>
    /// True for a request from a browser page: not under <c>/api</c>, not an htmx request (<c>HX-Request</c>), and asking for HTML
    /// (<c>Accept</c> names <c>text/html</c>). Such requests get the UI's status page instead of Problem Details JSON.
    /// </summary>
    public static bool IsPageRequest(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (request.Path.StartsWithSegments("/api") || request.Headers.ContainsKey("HX-Request"))
        {
            return false;
        }

        return request.Headers.Accept.Any(a => a is not null && a.Contains("text/html", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// True for exceptions that are answered as 4xx and are not server faults: business rules, bad input, malformed JSON and
    /// optimistic-concurrency conflicts. The host's exception middleware does not log them as unhandled errors
    /// (<c>SuppressDiagnosticsCallback</c>); this handler logs conflicts at Warning without the stack trace.
    /// </summary>
    public static bool IsExpected(Exception exception) =>
        exception is BusinessException or ValidationException or BadHttpRequestException or JsonException or DbUpdateConcurrencyException;

    /// <summary>
    /// Looks a Core message up (<see cref="CoreErrorMessages"/>, keys <c>Request.*</c>) in <paramref name="culture"/>, falling back
    /// to the English text given.
    /// </summary>
    private static Func<string, string, object?[], string> Text(IErrorMessageLocalizer? localizer, System.Globalization.CultureInfo culture) =>
        (key, english, args) => localizer?.Localize(key, args, culture)
            ?? string.Format(System.Globalization.CultureInfo.InvariantCulture, english, args);

    private static readonly Func<string, string, object?[], string> English =
        (_, english, args) => string.Format(System.Globalization.CultureInfo.InvariantCulture, english, args);

    /// <summary>Maps an exception to Problem Details and the HTTP status to answer (field messages in English).</summary>
    public static ProblemDetails ToProblem(Exception exception, out int status) => ToProblem(exception, out status, English);

    /// <summary>Maps an exception to Problem Details and the HTTP status to answer, field messages told by <paramref name="text"/>.</summary>
    private static ProblemDetails ToProblem(Exception exception, out int status, Func<string, string, object?[], string> text)
    {
        switch (exception)
        {
            case BusinessException b:
                status = b.StatusCode;
                var built = Build(status, b.Code, b.Message, b.Errors);
                foreach (var (key, value) in b.Extensions)
                {
                    built.Extensions[key] = value;
                }

                if (b.RetryAfter is { } retryAfter)
                {
                    built.Extensions["retryAfter"] = RetryAfterSeconds(retryAfter);
                }

                return built;
            case ValidationException v:
                status = StatusCodes.Status400BadRequest;
                var errors = v.Errors
                    .GroupBy(e => Camel(e.PropertyName))
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
                return Build(status, ErrorCodes.Validation, "One or more fields are invalid.", errors);
            case BadHttpRequestException bad when bad.InnerException is JsonException json:
                status = StatusCodes.Status400BadRequest;
                return Build(status, ErrorCodes.MalformedRequest, "The request body is not valid JSON for this operation.",
                    new Dictionary<string, string[]> { [JsonField(json)] = [JsonMessage(json, text)] });
            case BadHttpRequestException bad:
                status = bad.StatusCode;
                var (field, message) = DescribeBindingFailure(bad.Message, text);
                return Build(status, ErrorCodes.MalformedRequest, message,
                    field is null ? null : new Dictionary<string, string[]> { [field] = [message] });
            case JsonException json:
                status = StatusCodes.Status400BadRequest;
                return Build(status, ErrorCodes.MalformedRequest, "The request body is not valid JSON for this operation.",
                    new Dictionary<string, string[]> { [JsonField(json)] = [JsonMessage(json, text)] });
            case DbUpdateConcurrencyException:
                status = StatusCodes.Status409Conflict;
                return Build(status, ErrorCodes.ConcurrencyConflict, "The record was changed by someone else; reload and try again.", null);
            case IOException or UnauthorizedAccessException:
                // A full disk, a read-only or missing attachments folder: the server cannot store the file now, and
                // the operation wrote nothing (files are written before their rows). Logged as an error (status >= 500).
                status = StatusCodes.Status503ServiceUnavailable;
                return Build(status, ErrorCodes.StorageUnavailable, "The file store is not available at the moment; nothing was saved. Try again later.", null);
            default:
                status = StatusCodes.Status500InternalServerError;
                return Build(status, ErrorCodes.Internal, "An unexpected error occurred.", null);
        }
    }

    /// <summary>A wait in whole seconds for <c>Retry-After</c>: rounded up, at least 1.</summary>
    private static long RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));

    private static ProblemDetails Build(int status, string code, string detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        var pd = errors is { Count: > 0 }
            ? new ValidationProblemDetails(errors.ToDictionary(k => k.Key, k => k.Value))
            : new ProblemDetails();
        pd.Status = status;
        pd.Title = code switch
        {
            ErrorCodes.Validation => "Validation failed",
            ErrorCodes.NotFound => "Not found",
            _ => ReasonPhrase(status),
        };
        pd.Detail = detail;
        pd.Type = $"https://httpstatuses.io/{status}";
        pd.Extensions["code"] = code;
        return pd;
    }

    private static readonly System.Text.RegularExpressions.Regex BindFailure =
        new("^Failed to bind parameter \"(?:.+ )?(?<name>\\w+)\" from \"(?<value>.*)\"\\.$", System.Text.RegularExpressions.RegexOptions.Singleline);

    private static readonly System.Text.RegularExpressions.Regex RequiredMissing =
        new("^Required parameter \"(?:.+ )?(?<name>\\w+)\" was not provided", System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>
    /// Rewrites ASP.NET Core's parameter-binding messages (which name CLR types such as <c>Nullable&lt;int&gt;</c>)
    /// into a field name and a message for the client.
    /// </summary>
    private static (string? Field, string Message) DescribeBindingFailure(string message, Func<string, string, object?[], string> text)
    {
        var m = BindFailure.Match(message);
        if (m.Success)
        {
            var value = m.Groups["value"].Value;
            return (FieldErrors.CamelCase(m.Groups["name"].Value),
                text("Request.InvalidParameter", "'{0}' is not a valid value for this parameter.", [value.Length > 50 ? value[..50] + "…" : value]));
        }

        m = RequiredMissing.Match(message);
        if (m.Success)
        {
            return (FieldErrors.CamelCase(m.Groups["name"].Value), text("Request.ParameterRequired", "This parameter is required.", []));
        }

        if (message.StartsWith("Implicit body inferred", StringComparison.Ordinal) || message.Contains("body was provided", StringComparison.Ordinal))
        {
            return ("body", text("Request.BodyRequired", "A JSON body is required.", []));
        }

        if (message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase))
        {
            return (null, text("Request.JsonContentType", "The request must be sent as application/json.", []));
        }

        return (null, text("Request.Unreadable", "The request could not be read.", []));
    }

    /// <summary>A message for the client without CLR type names (which say nothing to a caller and leak internals).</summary>
    private static string JsonMessage(JsonException json, Func<string, string, object?[], string> text) =>
        json is Json.EnumValueJsonException enumValue
            ? text("Request.EnumValue", "The value must be one of: {0}.", [string.Join(", ", enumValue.AllowedNames)])
        : UnmappedMember(json) is { } member ? text("Request.UnknownField", "'{0}' is not a field of this request.", [member])
        : json.Path is null or "$" ? text("Request.NotJson", "The body is not well-formed JSON, or not an object of the expected shape.", [])
        : json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? text("Request.WrongType", "The value has the wrong type or is not one of the allowed values.", [])
        : text("Request.ValueUnreadable", "The value could not be read.", []);

    private static readonly System.Text.RegularExpressions.Regex UnmappedProperty =
        new("^The JSON property '(?<name>.*?)' could not be mapped to any \\.NET member", System.Text.RegularExpressions.RegexOptions.Singleline);

    /// <summary>The member named by System.Text.Json's unmapped-member refusal (<c>JsonUnmappedMemberHandling.Disallow</c>), or null.</summary>
    private static string? UnmappedMember(JsonException json) =>
        UnmappedProperty.Match(json.Message) is { Success: true } m ? m.Groups["name"].Value : null;

    private static string JsonField(JsonException json)
    {
        var field = JsonField(json.Path);
        if (UnmappedMember(json) is not { } member)
        {
            return field;
        }

        // The path may stop at the enclosing object ("$.rules") or already include the member ("$.rules.cohort").
        return field == "body" ? member
            : field == member || field.EndsWith("." + member, StringComparison.Ordinal) ? field
            : field + "." + member;
    }

    private static string JsonField(string? path) => path?.TrimStart('$', '.') is { Length: > 0 } field ? field : "body";

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } r ? r : "Error";

    private static string Camel(string name) =>
        string.Join('.', name.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
