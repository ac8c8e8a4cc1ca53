using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>
/// <c>/api/portal/enterprise</c>: an EnterpriseUser reads and edits its own enterprise, contacts and consents; the tax code
/// and programme status stay as they are; another enterprise's contact answers 404; staff without an enterprise get 404 / 403.
/// </summary>
public sealed class PortalApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task Enterprise_user_edits_its_profile_contacts_and_consents_through_the_portal()
    {
        var admin = await app.CreateAdminClientAsync();
        var taxCode = TestData.NewTaxCode();
        var id = await TestData.CreateEnterpriseAsync(admin, taxCode, "Công ty TNHH Cổng Thông Tin");
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: id);

        var own = await client.GetFromJsonAsync<JsonElement>("/api/portal/enterprise");
        Assert.Equal(id, own.GetProperty("id").GetGuid());

        var update = JsonSerializer.Deserialize<Dictionary<string, object?>>(own.GetRawText())!;
        update["shortName"] = "Cổng TT";
        update["employees"] = 9;
        update["taxCode"] = taxCode.Insert(2, " "); // the same code in another spelling; a different one is refused (BreakerFixTests)
        var saved = await (await client.PutAsJsonAsync("/api/portal/enterprise", update)).Json();
        Assert.Equal("Cổng TT", saved.GetProperty("shortName").GetString());
        Assert.Equal(9, saved.GetProperty("employees").GetInt32());
        Assert.Equal(taxCode, saved.GetProperty("taxCode").GetString());
        Assert.Equal("Prospect", saved.GetProperty("programmeStatus").GetString());

        var created = await client.PostAsJsonAsync("/api/portal/enterprise/contacts", new { fullName = "Trần Văn Cổng", email = "cong@example.vn", mobile = "0987 654 321" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var contact = await created.Json();
        var contactId = contact.GetProperty("id").GetGuid();
        Assert.Equal("+84987654321", contact.GetProperty("mobile").GetString());

        var granted = await (await client.PostAsync($"/api/portal/enterprise/contacts/{contactId}/consents/Advertising", null)).Json();
        Assert.True(granted.GetProperty("advertisingConsent").GetBoolean());
        var withdrawn = await (await client.PostAsync($"/api/portal/enterprise/contacts/{contactId}/consents/Advertising/withdraw", null)).Json();
        Assert.False(withdrawn.GetProperty("advertisingConsent").GetBoolean());
        var history = withdrawn.GetProperty("consents").EnumerateArray().Single();
        Assert.Equal("PortalForm", history.GetProperty("grantedVia").GetString());
        Assert.Equal("PortalForm", history.GetProperty("withdrawnVia").GetString());
        Assert.NotEqual(JsonValueKind.Null, history.GetProperty("withdrawnAt").ValueKind);

        // Withdrawing twice: 409, nothing changes.
        var again = await client.PostAsync($"/api/portal/enterprise/contacts/{contactId}/consents/Advertising/withdraw", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConsentNotGranted", (await again.Json()).Code());

        var edited = await client.PutAsJsonAsync($"/api/portal/enterprise/contacts/{contactId}", new
        {
            fullName = "Trần Văn Cổng", position = "Giám đốc", email = "cong@example.vn", mobile = "0987654321",
            concurrencyStamp = withdrawn.GetProperty("concurrencyStamp").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Giám đốc", (await edited.Json()).GetProperty("position").GetString());

        var contacts = await client.GetFromJsonAsync<JsonElement>("/api/portal/enterprise/contacts");
        Assert.Equal(contactId, contacts.EnumerateArray().Single().GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Another_enterprises_contact_answers_404_and_staff_have_no_portal()
    {
        var admin = await app.CreateAdminClientAsync();
        var mine = await TestData.CreateEnterpriseAsync(admin);
        var other = await TestData.CreateEnterpriseAsync(admin);
        var otherContact = await (await admin.PostAsJsonAsync($"/api/enterprises/{other}/contacts", new { fullName = "Người Khác", email = "khac@example.vn" })).Json();
        var otherContactId = otherContact.GetProperty("id").GetGuid();
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser, enterpriseId: mine);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/portal/enterprise/contacts/{otherContactId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/portal/enterprise/contacts/{otherContactId}/consents/Service", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/enterprises/{other}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/enterprises/{other}")).StatusCode);
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM ContactConsents WHERE ContactId = '{otherContactId.ToString().ToUpperInvariant()}'"));

        // Unknown purpose: 400, not 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/portal/enterprise/contacts/{otherContactId}/consents/Spam", null)).StatusCode);

        // An enterprise user bound to no enterprise, and staff: no portal.
        var unbound = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        Assert.Equal(HttpStatusCode.NotFound, (await unbound.GetAsync("/api/portal/enterprise")).StatusCode);
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/portal/enterprise")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/portal/enterprise")).StatusCode);
    }
}
