using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using SmeSupport.TestBase;

namespace SmeSupport.Identity.Tests.Support;

/// <summary>Helpers shared by the Identity tests: invitations, the outbox, sign-in through the UI.</summary>
public static partial class IdentityTestSupport
{
    /// <summary>A password that satisfies the host's rules (8+ characters, upper, lower, digit).</summary>
    public const string NewPassword = "Invited#2026a";

    /// <summary>A fresh address under the test domain.</summary>
    public static string NewEmail(string prefix = "invitee") => $"{prefix}-{Guid.NewGuid():N}@test.smesupport.local";

    /// <summary><c>POST /api/identity/users/invite</c>.</summary>
    public static Task<HttpResponseMessage> InviteAsync(HttpClient client, string? email, string? fullName, params string[] roles) =>
        client.PostAsJsonAsync("/api/identity/users/invite", new { email, fullName, roles });

    /// <summary>Invites as admin (201 expected); returns the new user's id.</summary>
    public static async Task<Guid> InviteOkAsync(HttpClient admin, string email, params string[] roles)
    {
        var response = await InviteAsync(admin, email, "Nguyễn Văn Mời", roles.Length == 0 ? [SmeSupportAppFactory.Roles.Officer] : roles);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The .eml files in the outbox addressed to <paramref name="email"/>.</summary>
    public static async Task<List<MimeMessage>> MessagesToAsync(string outboxPath, string email)
    {
        var found = new List<MimeMessage>();
        if (!Directory.Exists(outboxPath))
        {
            return found;
        }

        foreach (var file in Directory.EnumerateFiles(outboxPath, "*.eml"))
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase)))
            {
                found.Add(message);
            }
        }

        return found;
    }

    /// <summary>The set-password link of the one invitation e-mailed to <paramref name="email"/> (path and query).</summary>
    public static async Task<Uri> InvitationLinkAsync(string outboxPath, string email)
    {
        var message = Assert.Single(await MessagesToAsync(outboxPath, email));
        var match = LinkPattern().Match(message.TextBody ?? "");
        Assert.True(match.Success, $"No set-password link in the text body:\n{message.TextBody}");
        var link = new Uri(match.Value);
        Assert.Contains(WebUtility.HtmlEncode(match.Value), message.HtmlBody ?? "", StringComparison.Ordinal);
        return link;
    }

    /// <summary>Signs in through <c>/Account/Login</c>; the returned client carries the auth cookie.</summary>
    public static async Task<HttpClient> SignInWithCookieAsync(SmeSupportAppFactory app, string email, string password)
    {
        var client = app.CreateAnonymousClient();
        var page = await HtmlForms.GetPageAsync(client, "/Account/Login");
        var response = await HtmlForms.SubmitAsync(client, HtmlForms.Form(page, "[data-testid=login-submit]"), "/Account/Login",
            new Dictionary<string, string[]> { ["Input.Email"] = [email], ["Input.Password"] = [password] });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary><c>POST /api/auth/login</c> with a fresh anonymous client.</summary>
    public static Task<HttpResponseMessage> ApiLoginAsync(SmeSupportAppFactory app, string email, string password) =>
        app.CreateAnonymousClient().PostAsJsonAsync("/api/auth/login", new { email, password });

    /// <summary>The Problem Details <c>code</c> and the field names of <c>errors</c>.</summary>
    public static async Task<(string? Code, string[] Fields)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = body.TryGetProperty("code", out var c) ? c.GetString() : null;
        var fields = body.TryGetProperty("errors", out var e) ? e.EnumerateObject().Select(p => p.Name).ToArray() : [];
        return (code, fields);
    }

    [GeneratedRegex(@"https?://[^\s""<>]+/Account/SetPassword\?[^\s""<>]+")]
    private static partial Regex LinkPattern();
}
