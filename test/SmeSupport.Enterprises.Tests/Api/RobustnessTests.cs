using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>Faults found by trying to break the foundation, each held at its right value.</summary>
public sealed class RobustnessTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static async Task<JsonElement> Json(HttpResponseMessage r) => await r.Content.ReadFromJsonAsync<JsonElement>();

    private async Task<Guid> UserIdAsync(HttpClient admin, string email)
    {
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}");
        return page.GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Locking_a_user_stops_their_existing_token_at_once()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/enterprises")).StatusCode);

        var id = await UserIdAsync(admin, email);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/identity/users/{id}/lock", null)).StatusCode);

        var after = await officer.GetAsync("/api/enterprises");
        Assert.True(after.StatusCode == HttpStatusCode.Unauthorized, await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Changing_roles_stops_the_rights_of_the_old_token()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var id = await UserIdAsync(admin, email);

        var demote = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { "TaxPartner" } });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await officer.PostAsJsonAsync("/api/enterprises", new { name = "x" })).StatusCode);
        var fresh = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await fresh.GetAsync("/api/enterprises")).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role()
    {
        var admin = await app.CreateAdminClientAsync();
        var self = await UserIdAsync(admin, SmeSupportAppFactory.AdminEmail);

        var response = await admin.PutAsJsonAsync($"/api/identity/users/{self}/roles", new { roles = new[] { "Officer" } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SmeSupport:Identity:CannotRemoveOwnAdmin", (await Json(response)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/identity/users")).StatusCode);
    }

    [Fact]
    public async Task Invitation_links_use_the_configured_address_not_the_request_host()
    {
        var admin = await app.CreateAdminClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/users/invite")
        {
            Content = JsonContent.Create(new { email = $"invitee-{Guid.NewGuid():N}@example.com", fullName = "Người được mời", roles = new[] { "Officer" } }),
        };
        request.Headers.Host = "evil.example.net";

        var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var mail = Directory.GetFiles(app.OutboxPath, "*.eml").Select(File.ReadAllText).Single(t => t.Contains("SetPassword", StringComparison.Ordinal));
        Assert.DoesNotContain("evil.example.net", mail, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/Account/SetPassword", mail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_beyond_the_end_is_empty_even_when_page_times_size_overflows()
    {
        var admin = await app.CreateAdminClientAsync();
        var page = await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?page=2147483647&pageSize=200");
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.True(page.GetProperty("totalCount").GetInt32() >= 150);
    }

    [Fact]
    public async Task An_update_without_the_concurrency_stamp_is_refused_and_changes_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var e = (await admin.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=1")).GetProperty("items")[0];
        var id = e.GetProperty("id").GetGuid();

        var response = await admin.PutAsJsonAsync($"/api/enterprises/{id}", new
        {
            taxCode = e.GetProperty("taxCode").GetString(),
            name = "Overwritten without a stamp",
            legalForm = e.GetProperty("legalForm").GetString(),
            wardCode = e.GetProperty("wardCode").GetInt32(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("concurrencyStamp", out _));
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/enterprises/{id}");
        Assert.Equal(e.GetProperty("name").GetString(), after.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("\u200b\u200b", "name")]
    [InlineData("Tên\u0000có NUL", "name")]
    public async Task Invisible_or_control_character_names_are_refused(string name, string field)
    {
        var admin = await app.CreateAdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode = "0100109106", name, legalForm = "SingleMemberLlc", wardCode = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Fractional_dong_and_out_of_range_filters_are_refused()
    {
        var admin = await app.CreateAdminClientAsync();
        var response = await admin.PostAsJsonAsync("/api/enterprises", new { taxCode = "0100109106", name = "A", legalForm = "SingleMemberLlc", wardCode = 1, annualRevenueVnd = 0.5m });
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("annualRevenueVnd", out _));

        var filter = await admin.GetAsync("/api/enterprises?legalForm=99");
        Assert.Equal(HttpStatusCode.BadRequest, filter.StatusCode);
    }

    [Fact]
    public async Task A_query_value_of_the_wrong_type_names_the_parameter_not_a_clr_type()
    {
        var admin = await app.CreateAdminClientAsync();
        var response = await admin.GetAsync("/api/enterprises?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Nullable", text, StringComparison.Ordinal);
        Assert.True((await Json(response)).GetProperty("errors").TryGetProperty("page", out _));
    }

    [Fact]
    public async Task Unknown_emails_take_as_long_as_wrong_passwords()
    {
        var client = app.CreateAnonymousClient();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        // Warm up both paths once.
        await client.PostAsJsonAsync("/api/auth/login", new { email = "nobody@example.com", password = "wrong-password" });
        await client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password" });

        var unknown = await TimeAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email = "nobody-else@example.com", password = "wrong-password" }));
        var known = await TimeAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email, password = "wrong-password" }));

        // The hash check dominates both (tens to hundreds of ms); unknown e-mails no longer answer in a few ms.
        Assert.True(unknown.TotalMilliseconds > known.TotalMilliseconds / 4, $"unknown {unknown.TotalMilliseconds} ms vs known {known.TotalMilliseconds} ms");
    }

    private static async Task<TimeSpan> TimeAsync(Func<Task<HttpResponseMessage>> call)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var r = await call();
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
        return watch.Elapsed;
    }
}
