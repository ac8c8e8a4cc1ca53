using Microsoft.AspNetCore.Http;

namespace SmeSupport.Errors;

/// <summary>
/// A failed business rule, answered as RFC 9457 Problem Details with a stable, namespaced error
/// code (<c>SmeSupport:Enterprises:DuplicateTaxCode</c>) — ABP's <c>BusinessException</c>.
/// Throw it before anything is written: the unit of work is not saved when it escapes.
/// </summary>
public class BusinessException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="code">Stable error code, <c>SmeSupport:{Module}:{Rule}</c>.</param>
    /// <param name="message">Human-readable message (already localized, or English as a fallback).</param>
    /// <param name="statusCode">HTTP status to answer: 400, 404, 409, 413, 415 or 422 typically.</param>
    /// <param name="errors">Optional field errors: field name (camelCase, as in the request) → messages.</param>
    public BusinessException(string code, string message, int statusCode = StatusCodes.Status400BadRequest,
        IDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Code = code;
        StatusCode = statusCode;
        Errors = errors is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]>(errors);
    }

    /// <summary>Stable error code.</summary>
    public string Code { get; }

    /// <summary>HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Field errors (may be empty).</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// Further Problem Details members (RFC 9457 §3.2 extension members), e.g. the candidates a caller must
    /// choose from; written beside <c>code</c>. Values must be JSON-serializable.
    /// </summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>
    /// Values for the placeholders (<c>{0}</c>, <c>{1}</c>…) of the code's localized message (<see cref="IErrorMessageLocalizer"/>);
    /// empty when the message has none. <see cref="Exception.Message"/> stays the English text with the same facts.
    /// </summary>
    public IReadOnlyList<object?> MessageArgs { get; init; } = [];

    /// <summary>
    /// How long the caller should wait before trying again (a 429 or 503): answered as the <c>Retry-After</c> header in whole
    /// seconds, rounded up (RFC 9110 §10.2.3) and as the <c>retryAfter</c> member (seconds); null: no such header.
    /// </summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>Input failed validation: 400 with one entry per field (Problem Details <c>errors</c>).</summary>
public sealed class InputValidationException(IDictionary<string, string[]> errors, string? message = null)
    : BusinessException(ErrorCodes.Validation, message ?? "One or more fields are invalid.", StatusCodes.Status400BadRequest, errors);

/// <summary>
/// The entity does not exist, or the caller may not know that it exists: 404. The client's message names neither the C# type nor
/// the id ("Không tìm thấy bản ghi yêu cầu." / "The requested record was not found."); <see cref="Entity"/> and <see cref="Id"/> are
/// for logs and callers.
/// </summary>
public sealed class EntityNotFoundException : BusinessException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="entity">Entity name, e.g. <c>Trial</c> (not shown to the client).</param>
    /// <param name="id">The identifier asked for.</param>
    public EntityNotFoundException(string entity, object? id)
        : base(ErrorCodes.NotFound, "The requested record was not found.", StatusCodes.Status404NotFound)
    {
        Entity = entity;
        Id = id;
    }

    /// <summary>The entity name given by the thrower, e.g. <c>Trial</c>.</summary>
    public string Entity { get; }

    /// <summary>The identifier asked for.</summary>
    public object? Id { get; }
}

/// <summary>A state transition the lifecycle does not allow, or a conflict with stored data: 409.</summary>
public sealed class ConflictException(string code, string message)
    : BusinessException(code, message, StatusCodes.Status409Conflict);

/// <summary>Error codes shared by every module.</summary>
public static class ErrorCodes
{
    /// <summary>Input validation failed; see <c>errors</c>.</summary>
    public const string Validation = "SmeSupport:Validation";

    /// <summary>Not signed in (no or an expired cookie or token): 401.</summary>
    public const string Unauthorized = "SmeSupport:Unauthorized";

    /// <summary>Signed in without the needed permission.</summary>
    public const string Forbidden = "SmeSupport:Forbidden";

    /// <summary>Entity not found.</summary>
    public const string NotFound = "SmeSupport:NotFound";

    /// <summary>Someone else changed the row since it was read (optimistic concurrency).</summary>
    public const string ConcurrencyConflict = "SmeSupport:ConcurrencyConflict";

    /// <summary>The request body could not be read as JSON of the expected shape.</summary>
    public const string MalformedRequest = "SmeSupport:MalformedRequest";

    /// <summary>An unexpected server fault (logged with its trace id).</summary>
    public const string Internal = "SmeSupport:InternalError";

    /// <summary>503: a file store (e.g. the case attachments folder) cannot be read or written; nothing was saved.</summary>
    public const string StorageUnavailable = "SmeSupport:StorageUnavailable";
}

/// <summary>Signed in, but without the permission the operation needs: 403.</summary>
public sealed class ForbiddenException()
    : BusinessException(ErrorCodes.Forbidden, "You do not have permission for this operation.", StatusCodes.Status403Forbidden);
