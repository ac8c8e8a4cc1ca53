using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmeSupport.TestBase;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>The Reporting pages through HTTP with the sign-in cookie: partner landing, no staff page for partners, shared columns only.</summary>
public sealed partial class ReportingPagesTests(FakeClockAppFactory app) : IClassFixture<FakeClockAppFactory>
{
    private async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = app.CreateAnonymousClient();
        var login = await client.GetStringAsync("/Account/Login");
        var token = TokenPattern().Match(login).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [Fact]
    public async Task Partner_lands_on_its_shares_reaches_no_staff_page_and_sees_only_shared_columns()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = "PG-" + Guid.NewGuid().ToString("N")[..8];
        var org = (await (await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Cục thuế " + code, code, contactEmail = "a@b.vn" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var share = (await (await admin.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var partner = await SignInAsync(email, SmeSupportAppFactory.UserPassword);

        var home = await partner.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/Partner", home.Headers.Location!.OriginalString);
        var list = await partner.GetStringAsync("/Partner");
        Assert.Contains($"/Partner/View/{share}", list, StringComparison.Ordinal);

        var view = await partner.GetStringAsync($"/Partner/View/{share}");
        Assert.Contains("data-column=\"issuing\"", view, StringComparison.Ordinal);
        Assert.DoesNotContain("data-column=\"enterprises\"", view, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/Partner/View/{share}?size=Micro")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/Partner/View/{Guid.NewGuid()}")).StatusCode);

        foreach (var page in new[] { "/Reports", "/Reports/View/einvoice-by-size", "/Reports/Partners", "/Reports/AccessLog", "/Enterprises", "/Admin/Users" })
        {
            var r = await partner.GetAsync(page);
            Assert.True(r.StatusCode is HttpStatusCode.Forbidden || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("AccessDenied", StringComparison.Ordinal)),
                $"{page}: {r.StatusCode} {r.Headers.Location}");
        }
    }

    [Fact]
    public async Task Staff_and_admin_pages_render()
    {
        var admin = await SignInAsync(SmeSupportAppFactory.AdminEmail, SmeSupportAppFactory.AdminPassword);
        var dash = await admin.GetStringAsync("/?size=Micro");
        Assert.Contains("data-testid=\"dash-enterprises\"", dash, StringComparison.Ordinal);
        Assert.Contains("<svg", dash, StringComparison.Ordinal);
        var report = await admin.GetStringAsync("/Reports/View/einvoice-by-commune");
        Assert.Contains("data-testid=\"report-table\"", report, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"share-form\"", report, StringComparison.Ordinal);
        Assert.Contains("THUE-TINH", await admin.GetStringAsync("/Reports/Partners"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Reports/AccessLog")).StatusCode);
        Assert.Contains("einvoice-not-issuing", await admin.GetStringAsync("/Reports"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_log_and_share_list_show_titles_names_and_labels_not_keys()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = "AL-" + Guid.NewGuid().ToString("N")[..8];
        var org = (await (await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Cục thuế " + code, code, contactEmail = "a@b.vn" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var share = (await (await admin.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var partner = await SignInAsync(email, SmeSupportAppFactory.UserPassword);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/Partner/View/{share}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/Partner/View/{share}?size=Micro")).StatusCode);

        var signedIn = await SignInAsync(SmeSupportAppFactory.AdminEmail, SmeSupportAppFactory.AdminPassword);
        var html = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports/AccessLog"));
        var rows = EntryPattern().Matches(html).Select(m => m.Value).Where(r => r.Contains(email, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        var allowed = rows.Single(r => r.Contains("data-outcome=\"Allowed\"", StringComparison.Ordinal));
        var denied = rows.Single(r => r.Contains("data-outcome=\"Denied\"", StringComparison.Ordinal));
        foreach (var row in rows)
        {
            Assert.Contains(">Áp dụng hóa đơn điện tử theo quy mô</td>", row, StringComparison.Ordinal);
            Assert.Contains(">Xem</td>", row, StringComparison.Ordinal);
            Assert.DoesNotContain("{", row, StringComparison.Ordinal);
        }

        Assert.Contains("Cột:</span> Quy mô, Đang xuất hóa đơn</div>", allowed, StringComparison.Ordinal);
        Assert.Contains(">Ngoài phạm vi chia sẻ: ", denied, StringComparison.Ordinal);
        Assert.Contains("Quy mô:</span> Siêu nhỏ</div>", denied, StringComparison.Ordinal);

        // The officers' share list names the shared columns by their labels.
        var list = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports"));
        Assert.Contains("<td data-testid=\"share-columns\">Quy mô, Đang xuất hóa đơn</td>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<td data-testid=\"share-columns\">group, issuing</td>", list, StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr [^>]*data-testid=\"access-log-entry\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex EntryPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
