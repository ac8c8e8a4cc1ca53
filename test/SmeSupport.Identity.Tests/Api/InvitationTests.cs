using AngleSharp.Dom;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Identity.Tests.Support;
using SmeSupport.TestBase;
using static SmeSupport.Identity.Tests.Support.IdentityTestSupport;

namespace SmeSupport.Identity.Tests.Api;

/// <summary>
/// Invitation end to end: the admin invites through the API, the e-mail lands in the file outbox with the
/// set-password link, the invitee sets a password on <c>/Account/SetPassword</c> (antiforgery and all) and
/// can then sign in; a used, forged or another user's token changes nothing.
/// </summary>
public sealed class InvitationTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Invited_user_sets_a_password_from_the_emailed_link_then_signs_in_and_the_link_is_spent()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        var id = await InviteOkAsync(admin, email, SmeSupportAppFactory.Roles.Officer);

        // Invited: no password yet, e-mail not confirmed, cannot sign in.
        Assert.Equal(0, app.Scalar($"SELECT EmailConfirmed FROM AspNetUsers WHERE NormalizedEmail = '{email.ToUpperInvariant()}'"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);

        var link = await InvitationLinkAsync(app.OutboxPath, email);
        Assert.Equal("/Account/SetPassword", link.AbsolutePath);
        Assert.Contains($"userId={id}", link.Query, StringComparison.Ordinal);

        var browser = app.CreateAnonymousClient();
        var page = await HtmlForms.GetPageAsync(browser, link.PathAndQuery);
        Assert.Null(page.QuerySelector("[data-testid=link-invalid]"));
        Assert.Contains(email, page.Body!.TextContent, StringComparison.Ordinal);
        var form = HtmlForms.Form(page, "[data-testid=set-password-form]");
        Assert.False(string.IsNullOrEmpty(form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")?.Value));

        var set = await HtmlForms.SubmitAsync(browser, form, link.PathAndQuery, Fields(NewPassword, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.StartsWith("/Account/Login", set.Headers.Location!.OriginalString, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);
        Assert.Equal(1, app.Scalar($"SELECT EmailConfirmed FROM AspNetUsers WHERE NormalizedEmail = '{email.ToUpperInvariant()}'"));

        // The login page shows the one-time notice after the redirect.
        var login = await HtmlForms.GetPageAsync(browser, set.Headers.Location!.OriginalString);
        Assert.NotNull(login.QuerySelector("[data-testid=status-message]"));

        // The same link again: refused on GET and on POST (the form's antiforgery token is still good), password unchanged.
        var again = await HtmlForms.GetPageAsync(browser, link.PathAndQuery);
        Assert.NotNull(again.QuerySelector("[data-testid=link-invalid]"));
        Assert.Null(again.QuerySelector("[data-testid=set-password-form]"));
        var replay = await HtmlForms.SubmitAsync(browser, form, link.PathAndQuery, Fields("Other#Pass2026", "Other#Pass2026"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.NotNull((await HtmlForms.ReadHtmlAsync(replay)).QuerySelector("[data-testid=link-invalid]"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, email, "Other#Pass2026")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Forged_token_or_another_users_token_changes_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var first = NewEmail();
        var second = NewEmail();
        await InviteOkAsync(admin, first);
        var secondId = await InviteOkAsync(admin, second);
        var firstLink = await InvitationLinkAsync(app.OutboxPath, first);
        var firstToken = System.Web.HttpUtility.ParseQueryString(firstLink.Query)["token"]!;

        var browser = app.CreateAnonymousClient();
        foreach (var url in new[]
                 {
                     $"/Account/SetPassword?userId={secondId}&token=forged",
                     $"/Account/SetPassword?userId={secondId}&token={Uri.EscapeDataString(firstToken)}",
                     $"/Account/SetPassword?userId=not-a-guid&token={Uri.EscapeDataString(firstToken)}",
                     $"/Account/SetPassword?userId={Guid.NewGuid()}&token={Uri.EscapeDataString(firstToken)}",
                     "/Account/SetPassword",
                 })
        {
            var page = await HtmlForms.GetPageAsync(browser, url);
            Assert.NotNull(page.QuerySelector("[data-testid=link-invalid]"));
            Assert.Null(page.QuerySelector("[data-testid=set-password-form]"));
        }

        // A POST with a forged token (antiforgery satisfied) is refused too.
        var anyPage = await HtmlForms.GetPageAsync(browser, "/Account/Login");
        var post = await browser.PostAsync($"/Account/SetPassword?userId={secondId}&token=forged", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", AntiforgeryToken(anyPage)),
            new("Input.Password", NewPassword),
            new("Input.ConfirmPassword", NewPassword),
        ]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.NotNull((await HtmlForms.ReadHtmlAsync(post)).QuerySelector("[data-testid=link-invalid]"));

        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = '{second.ToUpperInvariant()}' AND (PasswordHash IS NOT NULL OR EmailConfirmed = 1)"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, second, NewPassword)).StatusCode);

        // The first user's own link still works: nothing above spent it.
        var own = await HtmlForms.GetPageAsync(browser, firstLink.PathAndQuery);
        var set = await HtmlForms.SubmitAsync(browser, HtmlForms.Form(own, "[data-testid=set-password-form]"), firstLink.PathAndQuery,
            Fields(NewPassword, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
    }

    [Fact]
    public async Task Post_without_antiforgery_token_is_refused()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        await InviteOkAsync(admin, email);
        var link = await InvitationLinkAsync(app.OutboxPath, email);

        var response = await app.CreateAnonymousClient().PostAsync(link.PathAndQuery, new FormUrlEncodedContent(
        [
            new("Input.Password", NewPassword),
            new("Input.ConfirmPassword", NewPassword),
        ]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Password_rule_failures_show_on_the_field_and_keep_the_link_usable()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        await InviteOkAsync(admin, email);
        var link = await InvitationLinkAsync(app.OutboxPath, email);
        var browser = app.CreateAnonymousClient();
        var page = await HtmlForms.GetPageAsync(browser, link.PathAndQuery);
        var form = HtmlForms.Form(page, "[data-testid=set-password-form]");

        var weak = await HtmlForms.SubmitAsync(browser, form, link.PathAndQuery, Fields("short", "short"));
        Assert.Equal(HttpStatusCode.OK, weak.StatusCode);
        var shown = await HtmlForms.ReadHtmlAsync(weak);
        var error = HtmlForms.Text(shown, "[data-testid=error-password]");
        Assert.Contains("8", error, StringComparison.Ordinal); // "Mật khẩu phải có ít nhất 8 ký tự." (Vietnamese by default)
        Assert.Contains("chữ hoa", error, StringComparison.Ordinal);
        Assert.Contains("chữ số", error, StringComparison.Ordinal);

        var mismatch = await HtmlForms.SubmitAsync(browser, form, link.PathAndQuery, Fields(NewPassword, NewPassword + "x"));
        Assert.False(string.IsNullOrEmpty(HtmlForms.Text(await HtmlForms.ReadHtmlAsync(mismatch), "[data-testid=error-confirmPassword]")));

        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, email, "short")).StatusCode);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = '{email.ToUpperInvariant()}' AND PasswordHash IS NOT NULL"));

        var ok = await HtmlForms.SubmitAsync(browser, form, link.PathAndQuery, Fields(NewPassword, NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);
    }

    private static Dictionary<string, string[]> Fields(string password, string confirm) => new()
    {
        ["Input.Password"] = [password],
        ["Input.ConfirmPassword"] = [confirm],
    };

    private static string AntiforgeryToken(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
}

/// <summary>An expired invitation link: the token lifespan shortened to one second.</summary>
public sealed class ExpiredInvitationTests(ExpiredInvitationTests.ShortTokenFactory app) : IClassFixture<ExpiredInvitationTests.ShortTokenFactory>
{
    [Fact]
    public async Task Expired_link_is_refused_and_changes_nothing()
    {
        var admin = await app.CreateAdminClientAsync();
        var email = NewEmail();
        await InviteOkAsync(admin, email);
        var link = await InvitationLinkAsync(app.OutboxPath, email);

        // Nothing here depends on being fast: the token is at least 2.5 s old, its lifespan 1 s.
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        var browser = app.CreateAnonymousClient();
        var page = await HtmlForms.GetPageAsync(browser, link.PathAndQuery);
        Assert.NotNull(page.QuerySelector("[data-testid=link-invalid]"));
        Assert.Null(page.QuerySelector("[data-testid=set-password-form]"));

        // A POST with a valid antiforgery token (from the sign-in page) is refused too.
        var login = await HtmlForms.GetPageAsync(browser, "/Account/Login");
        var post = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", login.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value),
            new("Input.Password", NewPassword),
            new("Input.ConfirmPassword", NewPassword),
        ]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.NotNull((await HtmlForms.ReadHtmlAsync(post)).QuerySelector("[data-testid=link-invalid]"));
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM AspNetUsers WHERE NormalizedEmail = '{email.ToUpperInvariant()}' AND (PasswordHash IS NOT NULL OR EmailConfirmed = 1)"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiLoginAsync(app, email, NewPassword)).StatusCode);
    }

    /// <summary>The app factory with one-second password-reset tokens.</summary>
    public sealed class ShortTokenFactory : SmeSupportAppFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(s => s.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromSeconds(1)));
        }
    }
}
