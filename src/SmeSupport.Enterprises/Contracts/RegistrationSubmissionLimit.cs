namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// The per-client limits on public registration: <em>submissions</em> (the form's POST and <c>POST /api/registrations</c>,
/// counted together: <c>Registrations:RateLimitPermits</c>, default 10, per <c>Registrations:RateLimitWindow</c>, default
/// 10 min) and, apart from them, <em>confirmations</em> (the confirm button and <c>POST /api/registrations/confirm</c>:
/// <c>Registrations:ConfirmRateLimitPermits</c>, default 30, per the same window), so an office behind one address that
/// corrected a few validation errors can still confirm. Viewing the form, fetching a form token and opening the e-mailed
/// link are never limited. A fixed window per client key (the IP address).
/// </summary>
public interface IRegistrationSubmissionLimit
{
    /// <summary>Takes one submission from the client's allowance.</summary>
    /// <param name="clientKey">Who is submitting (the remote IP address; null counts as one shared "unknown" client).</param>
    /// <param name="retryAfter">When refused: how long until the window resets (whole seconds, at least 1 s); otherwise zero.</param>
    /// <returns>True when the submission may go ahead; false when the client has used its allowance.</returns>
    bool TryAcquire(string? clientKey, out TimeSpan retryAfter);

    /// <summary>
    /// Gives back one submission taken by <see cref="TryAcquire"/> in the current window, for a refusal that is not the
    /// person's doing (<see cref="EnterprisesErrorCodes.FormFilledTooFast"/>: sent before the minimum fill time).
    /// </summary>
    /// <param name="clientKey">The same key as given to <see cref="TryAcquire"/>.</param>
    void Release(string? clientKey);

    /// <summary>Takes one confirmation from the client's own, looser allowance (not shared with submissions).</summary>
    /// <param name="clientKey">Who is confirming (the remote IP address; null counts as one shared "unknown" client).</param>
    /// <param name="retryAfter">When refused: how long until the window resets (whole seconds, at least 1 s); otherwise zero.</param>
    /// <returns>True when the confirmation may go ahead.</returns>
    bool TryAcquireConfirmation(string? clientKey, out TimeSpan retryAfter);
}
