using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Identity.Application;

/// <summary>
/// Re-checks every authenticated request against the user store: the user still exists, is not locked
/// out, and the security stamp in the token or cookie is the current one. Locking a user, changing
/// their roles or password renews the stamp (<see cref="UserManager{TUser}.UpdateSecurityStampAsync"/>),
/// so bearer tokens and cookies issued before stop working on the next request (401) instead of when
/// they expire (up to an hour for tokens). Costs one indexed lookup of the user per authenticated request.
/// </summary>
public static class CurrentSecurityStampMiddleware
{
    /// <summary>Adds the check; call right after <c>UseAuthentication</c>.</summary>
    public static IApplicationBuilder UseCurrentSecurityStamp(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !await IsCurrentAsync(context.RequestServices, context.User))
            {
                // Forget the authentication result too: authorization would otherwise reuse it and answer 403 instead of 401.
                context.Features.Set<IAuthenticateResultFeature>(null);
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next(context);
        });

    /// <summary>True when the principal's user exists, is not locked out, and carries the current security stamp.</summary>
    public static async Task<bool> IsCurrentAsync(IServiceProvider services, ClaimsPrincipal principal)
    {
        var options = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal.FindFirstValue(options.UserIdClaimType);
        if (id is null)
        {
            return false;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        return user is not null
               && !(user.LockoutEnd is { } end && end > now)
               && (!users.SupportsUserSecurityStamp
                   || string.Equals(principal.FindFirstValue(options.SecurityStampClaimType), user.SecurityStamp, StringComparison.Ordinal));
    }
}
