namespace SmeSupport.Security;

/// <summary>
/// Who the audit trail names for the changes saved on the current asynchronous flow, when it is not the signed-in user: a background
/// job that acts for the user who asked for it (an enterprise import runs in Hangfire with no HTTP user, but its changes are the
/// submitter's). The audit interceptor prefers this actor over <see cref="ICurrentUser"/> while a scope from <see cref="Use"/> is
/// open. It names the actor only: it grants no permission (ABP's <c>ICurrentPrincipalAccessor.Change</c>, narrowed to auditing).
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<Actor?> Current0 = new();

    /// <summary>The actor in force on this flow, or null (the interceptor then uses <see cref="ICurrentUser"/>).</summary>
    public static Actor? Current => Current0.Value;

    /// <summary>
    /// Names <paramref name="userId"/> / <paramref name="email"/> as the actor of the changes saved on this asynchronous flow until the
    /// returned scope is disposed (then the previous actor, if any, is in force again).
    /// </summary>
    /// <param name="userId">The user's id (may be null when only the e-mail is known).</param>
    /// <param name="email">The user's e-mail as recorded.</param>
    /// <returns>The scope; dispose it when the work for that user ends.</returns>
    public static IDisposable Use(Guid? userId, string? email)
    {
        var previous = Current0.Value;
        Current0.Value = new Actor(userId, email);
        return new Scope(previous);
    }

    /// <summary>An actor named in the audit trail.</summary>
    /// <param name="Id">User id, or null.</param>
    /// <param name="Email">User e-mail, or null.</param>
    public sealed record Actor(Guid? Id, string? Email);

    private sealed class Scope(Actor? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Current0.Value = previous;
            }
        }
    }
}
