using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using SmeSupport.Emailing;
using SmeSupport.Errors;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;
using SmeSupport.Text;

namespace SmeSupport.Identity.Application;

/// <summary>Creates EnterpriseUser accounts for approved self-registrations (<see cref="IEnterpriseAccountService"/>).</summary>
internal sealed class EnterpriseAccountService(UserManager<AppUser> users, IEmailSender email, TimeProvider clock) : IEnterpriseAccountService
{
    public async Task<bool> EmailHasAccountAsync(string email1, CancellationToken cancellationToken = default) =>
        !string.IsNullOrWhiteSpace(email1) && await users.FindByEmailAsync(email1.Trim()) is not null;

    public async Task<Guid> CreateEnterpriseUserAsync(string email1, string? fullName, Guid enterpriseId, string setPasswordUrlBase,
        CancellationToken cancellationToken = default)
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
            EmailConfirmed = true, // confirmed through the registration's signed link
            FullName = string.IsNullOrWhiteSpace(fullName) ? null : VietnameseText.Normalize(fullName),
            EnterpriseId = enterpriseId,
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, RoleNames.EnterpriseUser));

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString(setPasswordUrlBase, new Dictionary<string, string?>
        {
            ["userId"] = user.Id.ToString(),
            ["token"] = token,
        });
        var encoded = System.Net.WebUtility.HtmlEncode(link);
        await email.SendAsync(
        [
            new EmailMessage
            {
                MessageId = $"enterprise-account-{user.Id:N}",
                To = new EmailAddress(address, user.FullName),
                Subject = "Đăng ký đã được duyệt / Your registration is approved",
                TextBody = $"Đăng ký doanh nghiệp của bạn đã được duyệt. Đặt mật khẩu tại: {link}\n\nYour enterprise registration is approved. Set your password here: {link}\n",
                HtmlBody = $"<p>Đăng ký doanh nghiệp của bạn đã được duyệt. <a href=\"{encoded}\">Đặt mật khẩu</a>.</p><p>Your enterprise registration is approved. <a href=\"{encoded}\">Set your password</a>.</p>",
                Categories = ["registration-approved"],
            },
        ], cancellationToken);
        return user.Id;
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
