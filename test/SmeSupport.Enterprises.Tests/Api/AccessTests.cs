using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Who may see what: 401 anonymous, 403 without the permission, 404 for another enterprise.</summary>
public sealed class AccessTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Theory]
    [InlineData("GET", "/api/enterprises")]
    [InlineData("GET", "/api/reporting/dashboard")]
    [InlineData("POST", "/api/enterprises")]
    [InlineData("GET", "/api/identity/users")]
    public async Task Anonymous_gets_401_problem_details(string method, string path)
    {
        var client = app.CreateAnonymousClient();
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "POST" ? JsonContent.Create(new { }) : null,
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Tax_partner_and_enterprise_user_get_403_on_staff_endpoints()
    {
        foreach (var role in new[] { SmeSupportAppFactory.Roles.TaxPartner, SmeSupportAppFactory.Roles.EnterpriseUser })
        {
            var client = await app.CreateUserClientAsync(role);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/reporting/dashboard")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/enterprises", new { name = "x" })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identity/users")).StatusCode);
        }

        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync("/api/enterprises")).StatusCode);
    }

    [Fact]
    public async Task Tax_partner_gets_403_on_an_enterprises_contacts_as_on_the_enterprise_itself()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = (await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        var partner = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.TaxPartner);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/enterprises/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/enterprises/{id}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/api/enterprises/{Guid.NewGuid()}/contacts")).StatusCode);
    }

    [Fact]
    public async Task Enterprise_user_sees_its_own_enterprise_and_404_for_another()
    {
        var admin = await app.CreateAdminClientAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=2");
        var own = page.GetProperty("items")[0].GetProperty("id").GetGuid();
        var other = page.GetProperty("items")[1].GetProperty("id").GetGuid();

        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: own);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/enterprises/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/enterprises/{other}")).StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/enterprises");
        Assert.Equal(1, list.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Officer_can_read_and_create()
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/enterprises")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/reporting/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/identity/users")).StatusCode);
    }

    [Fact]
    public async Task Login_refuses_wrong_password_and_locks_after_five_failures()
    {
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var client = app.CreateAnonymousClient();

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = SmeSupportAppFactory.UserPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("SmeSupport:Identity:LockedOut", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Login_answers_access_token_and_expiry()
    {
        var client = app.CreateAnonymousClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = SmeSupportAppFactory.AdminEmail, password = SmeSupportAppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(body.GetProperty("accessToken").GetString()));
        Assert.Equal(3600, body.GetProperty("expiresIn").GetInt32());

        var missing = await client.PostAsJsonAsync("/api/auth/login", new { email = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }
}
