namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// The per-client limit on public registration <em>submissions</em> (the form's POST, <c>POST /api/registrations</c>
/// and the confirmation POST, page or API, all counted together). Viewing the form, fetching a form token and opening
/// the e-mailed link are never limited. A fixed window per client key (the IP address):
/// <c>Registrations:RateLimitPermits</c> submissions (default 10) per <c>Registrations:RateLimitWindow</c> (default 10 min).
/// </summary>
public interface IRegistrationSubmissionLimit
{
    /// <summary>Takes one submission from the client's allowance.</summary>
    /// <param name="clientKey">Who is submitting (the remote IP address; null counts as one shared "unknown" client).</param>
    /// <param name="retryAfter">When refused: how long until the window resets (whole seconds, at least 1 s); otherwise zero.</param>
    /// <returns>True when the submission may go ahead; false when the client has used its allowance.</returns>
    bool TryAcquire(string? clientKey, out TimeSpan retryAfter);
}
