using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Emailing;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Identity.Application;

/// <summary>TaxPartner accounts for the Reporting module (<see cref="IPartnerAccountService"/>).</summary>
internal sealed class PartnerAccountService(UserManager<AppUser> users, IEmailSender email, TimeProvider clock) : IPartnerAccountService
{
    public async Task<DirectoryUserDto> CreatePartnerUserAsync(string email1, string? fullName, Guid partnerOrganizationId,
        string setPasswordUrlBase, CancellationToken cancellationToken = default)
    {
        var address = email1.Trim();
        if (await users.FindByEmailAsync(address) is not null)
        {
            throw new BusinessException(IdentityErrorCodes.DuplicateEmail, $"{address} is already a user.", 409,
                new Dictionary<string, string[]> { ["email"] = ["This e-mail is already a user."] });
        }

        var user = new AppUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true, // confirmed when the invited user follows the link
            FullName = string.IsNullOrWhiteSpace(fullName) ? null : VietnameseText.Normalize(fullName),
            PartnerOrganizationId = partnerOrganizationId,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, RoleNames.TaxPartner));

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString(setPasswordUrlBase, new Dictionary<string, string?>
        {
            ["userId"] = user.Id.ToString(),
            ["token"] = token,
        });
        var encoded = System.Net.WebUtility.HtmlEncode(link);
        var results = await email.SendAsync(
        [
            new EmailMessage
            {
                MessageId = $"partner-invite-{user.Id:N}",
                To = new EmailAddress(address, user.FullName),
                Subject = "Lời mời sử dụng SmeSupport / Invitation to SmeSupport",
                TextBody = $"Bạn được mời xem các báo cáo được chia sẻ với cơ quan của bạn. Đặt mật khẩu tại: {link}\n\nYou are invited to see the reports shared with your organization. Set your password here: {link}\n",
                HtmlBody = $"<p>Bạn được mời xem các báo cáo được chia sẻ với cơ quan của bạn. <a href=\"{encoded}\">Đặt mật khẩu</a>.</p><p>You are invited to see the reports shared with your organization. <a href=\"{encoded}\">Set your password</a>.</p>",
                Categories = ["partner-invitation"],
            },
        ], cancellationToken);
        if (!results[0].Accepted)
        {
            await users.DeleteAsync(user);
            throw new BusinessException(IdentityErrorCodes.InvitationNotSent, "The invitation e-mail could not be sent; try again later.", 503);
        }

        return new DirectoryUserDto(user.Id, address, user.FullName);
    }

    public async Task<IReadOnlyList<DirectoryUserDto>> ListPartnerUsersAsync(Guid partnerOrganizationId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var rows = await users.Users.AsNoTracking().Where(u => u.PartnerOrganizationId == partnerOrganizationId)
            .Select(u => new { u.Id, u.Email, u.FullName, u.LockoutEnd }).ToListAsync(cancellationToken);
        return rows.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .Select(u => new DirectoryUserDto(u.Id, u.Email ?? "", u.FullName))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(new Dictionary<string, string[]>
            {
                ["email"] = result.Errors.Select(e => e.Description).ToArray(),
            });
        }
    }
}
