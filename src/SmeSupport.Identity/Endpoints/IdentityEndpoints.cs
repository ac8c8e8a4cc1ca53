using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Domain;

namespace SmeSupport.Identity.Endpoints;

/// <summary><c>/api/auth</c> (sign-in for API clients) and <c>/api/identity/users</c> (user administration).</summary>
internal static class IdentityEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var auth = endpoints.MapGroup("/api/auth").WithTags("Authentication");
        auth.MapPost("/login", async (LoginRequest request, SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher) =>
            {
                var errors = new FieldErrors();
                if (string.IsNullOrWhiteSpace(request.Email))
                {
                    errors.Add("email", "E-mail is required.");
                }

                if (string.IsNullOrEmpty(request.Password))
                {
                    errors.Add("password", "Password is required.");
                }

                errors.ThrowIfAny();
                if (await signIn.UserManager.FindByEmailAsync(request.Email!.Trim()) is null)
                {
                    // Spend the same time as a real password check, so response times do not tell which e-mails have accounts.
                    hasher.VerifyHashedPassword(TimingDummy.User, TimingDummy.Hash, request.Password!);
                    throw new BusinessException(IdentityErrorCodes.InvalidCredentials, "Wrong e-mail or password.", StatusCodes.Status401Unauthorized);
                }

                // The bearer-token handler writes {"tokenType","accessToken","expiresIn","refreshToken"} itself.
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.Email!.Trim(), request.Password!, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded)
                {
                    return Results.Empty;
                }

                if (result.IsLockedOut)
                {
                    throw new BusinessException(IdentityErrorCodes.LockedOut,
                        "Too many failed sign-ins: the account is locked for a while. Try again later.", StatusCodes.Status401Unauthorized);
                }

                throw new BusinessException(IdentityErrorCodes.InvalidCredentials, "Wrong e-mail or password.", StatusCodes.Status401Unauthorized);
            })
            .AllowAnonymous()
            .WithSummary("Signs in with e-mail and password; returns {accessToken, expiresIn (seconds), tokenType, refreshToken} for Authorization: Bearer. Locks the account after repeated failures.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var users = endpoints.MapGroup("/api/identity/users").WithTags("Users");
        users.MapGet("/", async (string? q, int? page, int? pageSize, IUserAdminAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.GetListAsync(q, page ?? 1, pageSize ?? 20, ct)))
            .RequireAuthorization(IdentityPermissions.Users);
        users.MapPost("/invite", async (InviteUserDto input, IUserAdminAppService service, IConfiguration configuration, CancellationToken ct) =>
            {
                // The link is built from configuration, never from the request's Host header (which a caller controls).
                var created = await service.InviteAsync(input, SmeSupport.Hosting.PublicUrls.For(configuration, "/Account/SetPassword"), ct);
                return TypedResults.Created($"/api/identity/users/{created.Id}", created);
            })
            .RequireAuthorization(IdentityPermissions.ManageUsers)
            .WithSummary("Invites a user by e-mail: creates the account and e-mails a link to set a password.");
        users.MapPut("/{id:guid}/roles", async (Guid id, SetRolesDto input, IUserAdminAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.SetRolesAsync(id, input, ct)))
            .RequireAuthorization(IdentityPermissions.ManageUsers);
        users.MapPost("/{id:guid}/lock", async (Guid id, DateTimeOffset? until, IUserAdminAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.LockAsync(id, until, ct)))
            .RequireAuthorization(IdentityPermissions.ManageUsers);
        endpoints.MapGet("/api/audit-log", async (string? entityType, string? entityId, int? page, int? pageSize, IAuditLogAppService service,
                CancellationToken ct) => TypedResults.Ok(await service.GetListAsync(entityType, entityId, page ?? 1, pageSize ?? 50, ct)))
            .WithTags("Audit log")
            .RequireAuthorization(IdentityPermissions.AuditLog)
            .WithSummary("The audit trail (who changed what, old and new values), newest first; entityType and entityId narrow it.");
        users.MapPost("/{id:guid}/unlock", async (Guid id, IUserAdminAppService service, CancellationToken ct) =>
                TypedResults.Ok(await service.UnlockAsync(id, ct)))
            .RequireAuthorization(IdentityPermissions.ManageUsers);
    }

    /// <summary>A fixed user and hash to verify against when the e-mail is unknown.</summary>
    private static class TimingDummy
    {
        public static readonly AppUser User = new() { UserName = "timing-dummy" };

        public static readonly string Hash = new PasswordHasher<AppUser>().HashPassword(User, Guid.NewGuid().ToString("N"));
    }
}
