using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Identity.Contracts;
using SmeSupport.TestBase;
using static SmeSupport.Identity.Tests.Support.IdentityTestSupport;

namespace SmeSupport.Identity.Tests.Api;

/// <summary>
/// TaxPartner and EnterpriseUser stand alone: never combined with other roles, and an account bound to a partner organization or an
/// enterprise keeps only its own role (otherwise a partner would read the whole CRM). Invitations follow the same rule.
/// </summary>
public sealed class RoleCombinationTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private async Task<Guid> UserIdAsync(HttpClient admin, string email) =>
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}"))
            .GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();

    private async Task<string[]> RolesAsync(HttpClient admin, string email) =>
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}"))
            .GetProperty("items").EnumerateArray()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();

    private static async Task AssertIncompatibleAsync(HttpResponseMessage response)
    {
        var (code, fields) = await ProblemAsync(response);
        Assert.Equal(IdentityErrorCodes.IncompatibleRoles, code);
        Assert.Equal(["roles"], fields);
    }

    [Theory]
    [InlineData("TaxPartner", "Officer")]
    [InlineData("Officer")]
    [InlineData("Admin")]
    [InlineData("TaxPartner", "EnterpriseUser")]
    [InlineData("EnterpriseUser")]
    public async Task A_partner_account_cannot_get_staff_or_other_roles_and_keeps_its_own(params string[] roles)
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: Guid.NewGuid());
        var id = await UserIdAsync(admin, email);

        var response = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertIncompatibleAsync(response);
        Assert.Equal(["TaxPartner"], await RolesAsync(admin, email));
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { "TaxPartner" } })).StatusCode);
    }

    [Theory]
    [InlineData("EnterpriseUser", "Officer")]
    [InlineData("Officer")]
    [InlineData("TaxPartner")]
    public async Task An_enterprise_account_keeps_only_EnterpriseUser(params string[] roles)
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: Guid.NewGuid());
        var id = await UserIdAsync(admin, email);

        var response = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertIncompatibleAsync(response);
        Assert.Equal(["EnterpriseUser"], await RolesAsync(admin, email));
    }

    [Theory]
    [InlineData("Officer", "TaxPartner")]
    [InlineData("Admin", "EnterpriseUser")]
    [InlineData("TaxPartner", "EnterpriseUser")]
    public async Task A_staff_account_or_an_invitation_cannot_mix_an_outside_role_with_another(params string[] roles)
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var id = await UserIdAsync(admin, email);

        var set = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles });
        Assert.Equal(HttpStatusCode.BadRequest, set.StatusCode);
        await AssertIncompatibleAsync(set);
        Assert.Equal(["Officer"], await RolesAsync(admin, email));

        var before = app.Scalar("SELECT COUNT(*) FROM AspNetUsers");
        var invited = $"mix-{Guid.NewGuid():N}@test.smesupport.local";
        var invite = await InviteAsync(admin, invited, "Trộn Vai Trò", roles);
        Assert.Equal(HttpStatusCode.BadRequest, invite.StatusCode);
        await AssertIncompatibleAsync(invite);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM AspNetUsers"));
        Assert.Empty(await MessagesToAsync(app.OutboxPath, invited));
    }
}
