using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;
using SmeSupport.Timing;

namespace SmeSupport.Reporting.Tests.Api;

/// <summary>Page findings of the walkthrough: access-log reasons, revoked shares, the commune filter's label, the chart's legend.</summary>
public sealed partial class ReportingPagesTests
{
    [Fact]
    public async Task Access_log_reason_names_labels_revoked_share_shows_its_date_commune_label_and_chart_legend()
    {
        var admin = await app.CreateAdminClientAsync();
        var code = "I7-" + Guid.NewGuid().ToString("N")[..8];
        var org = (await (await admin.PostAsJsonAsync("/api/reporting/partners", new { name = "Cục thuế " + code, code, contactEmail = "a@b.vn" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var share = (await (await admin.PostAsJsonAsync("/api/reporting/shares", new { reportKey = "einvoice-by-size", partnerOrganizationId = org, columns = new[] { "group", "issuing" } }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.TaxPartner, partnerOrganizationId: org);
        var partner = await SignInAsync(email, SmeSupportAppFactory.UserPassword);

        // The partner's chart says which column it plots.
        var view = WebUtility.HtmlDecode(await partner.GetStringAsync($"/Partner/View/{share}"));
        Assert.Contains("data-chart-column=\"issuing\"", view, StringComparison.Ordinal);
        Assert.Contains("Biểu đồ: Đang xuất hóa đơn</figcaption>", view, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.GetAsync($"/Partner/View/{share}?size=Micro&legalForm=Cooperative")).StatusCode);

        // The refused names are shown by their labels.
        var signedIn = await SignInAsync(SmeSupportAppFactory.AdminEmail, SmeSupportAppFactory.AdminPassword);
        var log = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports/AccessLog"));
        var denied = EntryPattern().Matches(log).Select(m => m.Value)
            .Single(r => r.Contains(email, StringComparison.Ordinal) && r.Contains("data-outcome=\"Denied\"", StringComparison.Ordinal));
        Assert.Contains(">Ngoài phạm vi chia sẻ: Loại hình, Quy mô</td>", denied, StringComparison.Ordinal);

        // A revoked share says so, with the date; the commune filter is labelled by what the list shows: names.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/reporting/shares/{share}/revoke", null)).StatusCode);
        var list = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports"));
        Assert.Contains($"<td data-testid=\"share-status\">Đã thu hồi ngày {VietnamTime.FormatDate(VietnamTime.Today(app.Clock))}</td>", list, StringComparison.Ordinal);
        var en = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports?culture=en&ui-culture=en"));
        Assert.Contains($"<td data-testid=\"share-status\">Revoked on {VietnamTime.FormatDate(VietnamTime.Today(app.Clock))}</td>", en, StringComparison.Ordinal);
        var report = WebUtility.HtmlDecode(await signedIn.GetStringAsync("/Reports/View/einvoice-by-size"));
        Assert.Contains("for=\"f-commune\">Xã/phường</label>", report, StringComparison.Ordinal);
    }
}
