using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;
using static SmeSupport.Identity.Tests.Support.IdentityTestSupport;

namespace SmeSupport.Identity.Tests.Api;

/// <summary>
/// <c>/api/identity/users</c>: refused invitations store nothing and send nothing; roles are replaced;
/// a lock refuses sign-in until unlocked; an admin cannot lock themself; an Officer gets 403 on every action.
/// </summary>
public sealed class UserAdminApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private long UserCount => app.Scalar("SELECT COUNT(*) FROM AspNetUsers");

    [Theory]
    [InlineData("not-an-email", "Officer", "email")]
    [InlineData("", "Officer", "email")]
    [InlineData("ok-{0}@test.smesupport.local", "Superuser", "roles")]
    [InlineData("ok-{0}@test.smesupport.local", null, "roles")]
    public async Task Invite_with_bad_input_is_400_with_the_field_error_and_stores_and_sends_nothing(string emailPattern, string? role, string field)
    {
        var admin = await app.CreateAdminClientAsync();
        var email = string.Format(System.Globalization.CultureInfo.InvariantCulture, emailPattern, Guid.NewGuid().ToString("N"));
        var before = UserCount;

        var response = await InviteAsync(admin, email, "Trần Thị Lỗi", role is null ? [] : [role]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (code, fields) = await ProblemAsync(response);
        Assert.Equal("SmeSupport:Validation", code);
        Assert.Equal([field], fields);
        Assert.Equal(before, UserCount);
        if (email.Length > 0)
        {
            Assert.Empty(await MessagesToAsync(app.OutboxPath, email));
        }
    }

    [Fact]
    public async Task Invite_of_an_existing_email_is_409_on_the_email_field_and_sends_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail("dup");
        await InviteOkAsync(admin, email);
        var before = UserCount;

        foreach (var again in new[] { email, email.ToUpperInvariant(), SmeSupportAppFactory.AdminEmail })
        {
            var response = await InviteAsync(admin, again, null, SmeSupportAppFactory.Roles.Officer);
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var (code, fields) = await ProblemAsync(response);
            Assert.Equal("SmeSupport:Identity:DuplicateEmail", code);
            Assert.Equal(["email"], fields);
        }

        Assert.Equal(before, UserCount);
        Assert.Single(await MessagesToAsync(app.OutboxPath, email));
    }

    [Fact]
    public async Task Invite_answers_201_with_location_and_the_user_is_listed_unconfirmed()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        var response = await InviteAsync(admin, email, "Lê Văn Mới", "officer", "admin");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/identity/users/{created.GetProperty("id").GetGuid()}", response.Headers.Location!.OriginalString);
        Assert.Equal(["Admin", "Officer"], created.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}");
        var user = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.False(user.GetProperty("emailConfirmed").GetBoolean());
        Assert.False(user.GetProperty("isLockedOut").GetBoolean());
    }

    [Fact]
    public async Task Set_roles_replaces_them_unknown_role_400_changes_nothing_unknown_user_404()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        var id = await InviteOkAsync(admin, email, SmeSupportAppFactory.Roles.Officer);

        var set = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { "Officer", "Admin" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(["Admin", "Officer"],
            (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var bad = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { "Officer", "Root" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["roles"], (await ProblemAsync(bad)).Fields);
        var empty = await admin.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = Array.Empty<string>() });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}");
        Assert.Equal(["Admin", "Officer"],
            Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var missing = await admin.PutAsJsonAsync($"/api/identity/users/{Guid.NewGuid()}/roles", new { roles = new[] { "Officer" } });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Lock_refuses_sign_in_until_unlock()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var id = await UserIdAsync(admin, email);

        var locked = await admin.PostAsync($"/api/identity/users/{id}/lock", null);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var body = await locked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("isLockedOut").GetBoolean());

        var refused = await ApiLoginAsync(app, email, SmeSupportAppFactory.UserPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("SmeSupport:Identity:LockedOut", (await ProblemAsync(refused)).Code);

        var unlocked = await admin.PostAsync($"/api/identity/users/{id}/unlock", null);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.False((await unlocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isLockedOut").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(app, email, SmeSupportAppFactory.UserPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/identity/users/{Guid.NewGuid()}/lock", null)).StatusCode);
    }

    [Fact]
    public async Task Admin_cannot_lock_themself()
    {
        var admin = await app.CreateAdminClientAsync();
        var id = await UserIdAsync(admin, SmeSupportAppFactory.AdminEmail);

        var response = await admin.PostAsync($"/api/identity/users/{id}/lock", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("SmeSupport:Identity:CannotLockSelf", (await ProblemAsync(response)).Code);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = '{SmeSupportAppFactory.AdminEmail.ToUpperInvariant()}' AND LockoutEnd IS NOT NULL"));
        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(app, SmeSupportAppFactory.AdminEmail, SmeSupportAppFactory.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Officer_gets_403_on_every_user_administration_endpoint_and_nothing_changes()
    {
        var admin = await app.CreateAdminClientAsync();
        var target = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var id = await UserIdAsync(admin, target);
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var email = NewEmail();
        var before = UserCount;

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/identity/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await InviteAsync(officer, email, null, "Officer")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync($"/api/identity/users/{id}/roles", new { roles = new[] { "Admin" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/identity/users/{id}/lock", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/identity/users/{id}/unlock", null)).StatusCode);

        Assert.Equal(before, UserCount);
        Assert.Empty(await MessagesToAsync(app.OutboxPath, email));
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(target)}");
        var user = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal(["Officer"], user.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(user.GetProperty("isLockedOut").GetBoolean());
    }

    private static async Task<Guid> UserIdAsync(HttpClient admin, string email)
    {
        var list = await admin.GetFromJsonAsync<JsonElement>($"/api/identity/users?q={Uri.EscapeDataString(email)}");
        return list.GetProperty("items").EnumerateArray()
            .Single(u => string.Equals(u.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase))
            .GetProperty("id").GetGuid();
    }
}
