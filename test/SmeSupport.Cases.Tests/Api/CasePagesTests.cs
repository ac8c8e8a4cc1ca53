using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SmeSupport.TestBase;
using static SmeSupport.Cases.Tests.Api.CasesAppFactory;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>The case pages through HTTP with the sign-in cookie: unknown steps refused, 404 pages instead of JSON, portal-case nav for enterprise users only.</summary>
public sealed partial class CasePagesTests(CasesAppFactory app) : IClassFixture<CasesAppFactory>
{
    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = app.CreateAnonymousClient();
        var login = await client.GetStringAsync("/Account/Login");
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = Token(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static string Token(string html) => TokenPattern().Match(html).Groups[1].Value;

    [Fact]
    public async Task An_unknown_workflow_step_is_refused_and_changes_nothing()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officerId = app.UserId(email);
        var api = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var (_, enterpriseId, _) = app.ContactWithServiceConsent(0);
        var id = (await Ok(await api.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = "Bước lạ", type = "Other", channel = "Phone", assigneeId = officerId }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var changes = app.Scalar($"SELECT COUNT(*) FROM SupportCaseStatusChanges WHERE SupportCaseId = '{Sql(id)}'");
        var page = await SignInAsync(email, SmeSupportAppFactory.UserPassword);

        foreach (var step in new[] { "99", "Bogus", "", "0" })
        {
            var token = Token(await page.GetStringAsync($"/Cases/{id}"));
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
            if (step.Length > 0)
            {
                form["step"] = step;
            }

            var response = await page.PostAsync($"/Cases/{id}?handler=Action", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var shown = await page.GetStringAsync($"/Cases/{id}");
            Assert.Contains("data-testid=\"error-message\"", shown, StringComparison.Ordinal);
            Assert.Equal(1, app.Scalar($"SELECT Status FROM SupportCases WHERE Id = '{Sql(id)}'")); // still Assigned
        }

        Assert.Equal(changes, app.Scalar($"SELECT COUNT(*) FROM SupportCaseStatusChanges WHERE SupportCaseId = '{Sql(id)}'"));

        // A step the workflow refuses is explained in Vietnamese (the Cases error-code resource).
        await page.PostAsync($"/Cases/{id}?handler=Action", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await page.GetStringAsync($"/Cases/{id}")), ["step"] = "Close",
        }));
        Assert.Contains("Yêu cầu đang ở trạng thái Assigned: quy trình không cho phép bước này.", WebUtility.HtmlDecode(await page.GetStringAsync($"/Cases/{id}")),
            StringComparison.Ordinal);

        // The named step still works.
        var ok = await page.PostAsync($"/Cases/{id}?handler=Action", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token(await page.GetStringAsync($"/Cases/{id}")), ["step"] = "Start",
        }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(changes + 1, app.Scalar($"SELECT COUNT(*) FROM SupportCaseStatusChanges WHERE SupportCaseId = '{Sql(id)}'"));
    }

    [Fact]
    public async Task Unknown_and_foreign_cases_show_a_404_page_and_staff_have_no_portal_case_nav()
    {
        app.SetVietnamTime("2025-11-17 09:00");
        var admin = await SignInAsync(SmeSupportAppFactory.AdminEmail, SmeSupportAppFactory.AdminPassword);
        foreach (var url in new[] { $"/Cases/{Guid.NewGuid()}", $"/Cases/Visits/{Guid.NewGuid()}" })
        {
            var missing = await admin.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("text/html", missing.Content.Headers.ContentType?.MediaType);
            var html = await missing.Content.ReadAsStringAsync();
            Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
            Assert.Contains("<nav", html, StringComparison.Ordinal); // the site layout
        }

        var adminHome = await admin.GetStringAsync("/Cases");
        Assert.DoesNotContain("nav-portal-cases", adminHome, StringComparison.Ordinal);
        var portalAsAdmin = await admin.GetAsync("/Portal/Cases");
        Assert.Equal(HttpStatusCode.Redirect, portalAsAdmin.StatusCode);
        Assert.Contains("/Account/AccessDenied", portalAsAdmin.Headers.Location!.OriginalString, StringComparison.Ordinal);

        // An enterprise user opening another enterprise's case.
        var (_, mine, _) = app.ContactWithServiceConsent(1);
        var other = Guid.Parse(app.ScalarText($"SELECT Id FROM Enterprises WHERE IsDeleted = 0 AND Id <> '{Sql(mine)}' ORDER BY Id LIMIT 1"));
        var api = await app.CreateAdminClientAsync();
        var foreign = (await Ok(await api.PostAsJsonAsync("/api/cases", new { enterpriseId = other, subject = "Của doanh nghiệp khác", type = "Other", channel = "Phone" }),
            HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var user = await SignInAsync(await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, mine), SmeSupportAppFactory.UserPassword);
        var response = await user.GetAsync($"/Portal/Cases/{foreign}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"not-found\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Của doanh nghiệp khác", body, StringComparison.Ordinal);
        Assert.Contains("nav-portal-cases", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Follow_up_visit_and_portal_case_forms_disable_their_submit_button_once_sent()
    {
        app.SetVietnamTime("2025-11-20 15:00");
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var api = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var (_, enterpriseId, ward) = app.ContactWithServiceConsent(3);
        var visitId = (await Ok(await api.PostAsJsonAsync("/api/cases/visits", new
        {
            visitDate = "2025-11-19", wardCode = ward, memberUserIds = new[] { app.UserId(email) }, enterpriseIds = new[] { enterpriseId },
        }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var page = await SignInAsync(email, SmeSupportAppFactory.UserPassword);
        const string disable = "onsubmit=\"this.querySelectorAll('[type=submit]').forEach(b => b.disabled = true)\"";
        Assert.Matches("data-testid=\"follow-up-form\"\\s+" + Regex.Escape(disable), WebUtility.HtmlDecode(await page.GetStringAsync($"/Cases/Visits/{visitId}")));
        Assert.Matches("data-testid=\"visit-form\" " + Regex.Escape(disable), WebUtility.HtmlDecode(await page.GetStringAsync("/Cases/Visits/Create")));
        var portal = await SignInAsync(await app.CreateUserAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId), SmeSupportAppFactory.UserPassword);
        Assert.Matches("data-testid=\"portal-case-form\" " + Regex.Escape(disable), WebUtility.HtmlDecode(await portal.GetStringAsync("/Portal/Cases/Create")));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
