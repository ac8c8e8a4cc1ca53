using System.Net.Mail;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmeSupport.Application;
using SmeSupport.Emailing;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;

namespace SmeSupport.Identity.Application;

/// <summary>User administration on ASP.NET Core Identity's <see cref="UserManager{TUser}"/>.</summary>
internal sealed class UserAdminAppService(
    UserManager<AppUser> users,
    RoleManager<AppRole> roles,
    IEmailSender email,
    ICurrentUser currentUser,
    TimeProvider clock,
    ILogger<UserAdminAppService> logger) : IUserAdminAppService
{
    public async Task<PagedResultDto<UserDto>> GetListAsync(string? q, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (page < 1)
        {
            errors.Add("page", "Page must be 1 or more.");
        }

        if (pageSize is < 1 or > PagedRequestDto.MaxPageSize)
        {
            errors.Add("pageSize", $"Page size must be between 1 and {PagedRequestDto.MaxPageSize}.");
        }

        errors.ThrowIfAny();
        var query = users.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(term) || (u.FullName != null && u.FullName.ToUpper().Contains(term)));
        }

        var total = await query.CountAsync(cancellationToken);
        var list = await query.OrderBy(u => u.NormalizedEmail).Skip(PagedRequestDto.SkipFor(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var items = new List<UserDto>(list.Count);
        foreach (var u in list)
        {
            items.Add(await ToDtoAsync(u));
        }

        return new PagedResultDto<UserDto>(items, total);
    }

    public async Task<UserDto> InviteAsync(InviteUserDto input, string setPasswordUrlBase, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        var address = input.Email?.Trim();
        if (string.IsNullOrEmpty(address))
        {
            errors.Add("email", "E-mail is required.");
        }
        else if (address.Length > 254 || !MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
        {
            errors.Add("email", "E-mail is not a valid address.");
        }

        if (input.FullName is { Length: > 200 })
        {
            errors.Add("fullName", "Full name must be at most 200 characters.");
        }

        await CheckRolesAsync(input.Roles, errors);
        errors.ThrowIfAny();
        CheckCombination(input.Roles!.Select(Canonical).Distinct().ToList());

        if (await users.FindByEmailAsync(address!) is not null)
        {
            throw new BusinessException(IdentityErrorCodes.DuplicateEmail, $"{address} is already a user.", 409,
                new Dictionary<string, string[]> { ["email"] = ["This e-mail is already a user."] });
        }

        var user = new AppUser
        {
            UserName = address,
            Email = address,
            FullName = string.IsNullOrWhiteSpace(input.FullName) ? null : Text.VietnameseText.Normalize(input.FullName),
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        IReadOnlyList<EmailSendResult> sent;
        try
        {
            Check(await users.AddToRolesAsync(user, input.Roles!.Distinct(StringComparer.OrdinalIgnoreCase).Select(Canonical)));
            sent = await SendInvitationAsync(user, setPasswordUrlBase, cancellationToken);
        }
        catch
        {
            // No account without a way in: a half-made invitation would block the next one with 409.
            await users.DeleteAsync(user);
            throw;
        }

        if (sent is not [{ Accepted: true }])
        {
            // Refused, or ambiguous (a time-out): the account goes, so any link that did get out finds no user.
            logger.LogWarning("Invitation e-mail for user {UserId} not sent: {Error}; the account was removed.",
                user.Id, sent.Count > 0 ? sent[0].Error : "no result");
            await users.DeleteAsync(user);
            throw new BusinessException(IdentityErrorCodes.InvitationNotSent,
                "The invitation e-mail could not be sent, so no account was created. Try again later.",
                StatusCodes.Status503ServiceUnavailable);
        }

        return await ToDtoAsync(user);
    }

    public async Task<UserDto> SetRolesAsync(Guid userId, SetRolesDto input, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        var errors = new FieldErrors();
        await CheckRolesAsync(input.Roles, errors);
        errors.ThrowIfAny();
        var wanted = input.Roles!.Select(Canonical).Distinct().ToList();
        CheckBinding(user, wanted);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(RoleNames.Admin) && !wanted.Contains(RoleNames.Admin))
        {
            if (currentUser.Id == userId)
            {
                throw new ConflictException(IdentityErrorCodes.CannotRemoveOwnAdmin, "You cannot remove the Admin role from your own account.");
            }

            if ((await users.GetUsersInRoleAsync(RoleNames.Admin)).Count <= 1)
            {
                throw new ConflictException(IdentityErrorCodes.LastAdmin, "This is the last administrator; make someone else Admin first.");
            }
        }

        Check(await users.RemoveFromRolesAsync(user, current.Except(wanted)));
        Check(await users.AddToRolesAsync(user, wanted.Except(current)));
        await users.UpdateSecurityStampAsync(user);
        return await ToDtoAsync(user);
    }

    public async Task<UserDto> LockAsync(Guid userId, DateTimeOffset? until, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        if (currentUser.Id == userId)
        {
            throw new ConflictException(IdentityErrorCodes.CannotLockSelf, "You cannot lock your own account.");
        }

        if (until is { } end && end <= clock.GetUtcNow())
        {
            throw new InputValidationException(new Dictionary<string, string[]> { ["until"] = ["The end of the lock must be in the future."] });
        }

        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, until ?? DateTimeOffset.MaxValue));
        // Invalidate existing cookies at their next validation.
        await users.UpdateSecurityStampAsync(user);
        return await ToDtoAsync(user);
    }

    public async Task<UserDto> UnlockAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(userId);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        return await ToDtoAsync(user);
    }

    /// <summary>E-mails the set-password link (a password-reset token, valid for the token provider's lifespan).</summary>
    private async Task<IReadOnlyList<EmailSendResult>> SendInvitationAsync(AppUser user, string setPasswordUrlBase, CancellationToken cancellationToken)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString(setPasswordUrlBase, new Dictionary<string, string?>
        {
            ["userId"] = user.Id.ToString(),
            ["token"] = token,
        });
        var encodedLink = System.Net.WebUtility.HtmlEncode(link);
        return await email.SendAsync(
        [
            new EmailMessage
            {
                MessageId = $"invite-{user.Id:N}",
                To = new EmailAddress(user.Email!, user.FullName),
                Subject = "Lời mời tham gia SmeSupport / Invitation to SmeSupport",
                TextBody = $"Bạn được mời sử dụng SmeSupport. Đặt mật khẩu tại: {link}\n\nYou have been invited to SmeSupport. Set your password here: {link}\n",
                HtmlBody = $"<p>Bạn được mời sử dụng SmeSupport. <a href=\"{encodedLink}\">Đặt mật khẩu</a>.</p><p>You have been invited to SmeSupport. <a href=\"{encodedLink}\">Set your password</a>.</p>",
                Categories = ["invitation"],
            },
        ], cancellationToken);
    }

    private async Task CheckRolesAsync(IReadOnlyList<string>? wanted, FieldErrors errors)
    {
        if (wanted is null || wanted.Count == 0)
        {
            errors.Add("roles", "At least one role is required.");
            return;
        }

        foreach (var r in wanted)
        {
            if (string.IsNullOrWhiteSpace(r) || !await roles.RoleExistsAsync(r))
            {
                errors.Add("roles", $"Unknown role '{r}'.");
            }
        }
    }

    /// <summary>Outside roles (a partner organization's or an enterprise's user) stand alone: never with staff roles or each other.</summary>
    private static readonly string[] OutsideRoles = [RoleNames.TaxPartner, RoleNames.EnterpriseUser];

    /// <summary>TaxPartner and EnterpriseUser cannot be combined with any other role (400 <see cref="IdentityErrorCodes.IncompatibleRoles"/>).</summary>
    private static void CheckCombination(IReadOnlyList<string> wanted)
    {
        if (wanted.Count > 1 && wanted.FirstOrDefault(OutsideRoles.Contains) is { } outside)
        {
            throw IncompatibleRoles($"The role {outside} cannot be combined with any other role.");
        }
    }

    /// <summary>
    /// Combination rule, then the account's binding: a user bound to a partner organization keeps only TaxPartner, one bound to an
    /// enterprise only EnterpriseUser (their claims would otherwise carry staff permissions).
    /// </summary>
    private static void CheckBinding(AppUser user, IReadOnlyList<string> wanted)
    {
        CheckCombination(wanted);
        var own = user.PartnerOrganizationId is not null ? RoleNames.TaxPartner
            : user.EnterpriseId is not null ? RoleNames.EnterpriseUser
            : null;
        if (own is not null && !wanted.SequenceEqual([own]))
        {
            throw IncompatibleRoles($"This account belongs to {(own == RoleNames.TaxPartner ? "a partner organization" : "an enterprise")}; its only role is {own}.");
        }
    }

    private static BusinessException IncompatibleRoles(string message) =>
        new(IdentityErrorCodes.IncompatibleRoles, message, StatusCodes.Status400BadRequest,
            new Dictionary<string, string[]> { ["roles"] = [message] });

    private static string Canonical(string role) =>
        RoleNames.All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase)) ?? role;

    private async Task<AppUser> FindAsync(Guid id) =>
        await users.FindByIdAsync(id.ToString()) ?? throw new EntityNotFoundException("User", id);

    private async Task<UserDto> ToDtoAsync(AppUser u)
    {
        var locked = u.LockoutEnd is { } end && end > clock.GetUtcNow();
        return new UserDto(u.Id, u.Email ?? "", u.FullName, (await users.GetRolesAsync(u)).Order().ToList(), u.EmailConfirmed, locked, u.LockoutEnd);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["user"] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }
}
