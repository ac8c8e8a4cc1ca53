using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>The Cases HTTP API over the real host and a seeded SQLite database.</summary>
public sealed class CasesApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task AssertProblem(HttpResponseMessage response, HttpStatusCode status, string code, params string[] fields)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await Body(response);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }
    }

    private long CaseCount => app.Scalar("SELECT COUNT(*) FROM SupportCases");

    /// <summary>A contact and its enterprise, read from the database.</summary>
    private (Guid ContactId, Guid EnterpriseId) AnyContact(int skip)
    {
        using var c = app.OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT Id, EnterpriseId FROM Contacts ORDER BY Id LIMIT 1 OFFSET {skip}";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        return (Guid.Parse(reader.GetString(0)), Guid.Parse(reader.GetString(1)));
    }

    [Fact]
    public void Demo_seed_has_40_cases_over_every_status()
    {
        Assert.Equal(40, app.Scalar("SELECT COUNT(*) FROM SupportCases WHERE CreatedBy IS NULL"));
        Assert.Equal(6, app.Scalar("SELECT COUNT(DISTINCT Status) FROM SupportCases WHERE CreatedBy IS NULL"));
        Assert.Equal(0, app.Scalar("SELECT COUNT(*) FROM SupportCases WHERE Status IN (4, 5) AND ResolvedAt IS NULL"));
    }

    [Fact]
    public async Task Open_a_case_and_read_it_back()
    {
        var client = await app.CreateAdminClientAsync();
        var (contactId, enterpriseId) = AnyContact(0);
        var officerEmail = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        Guid assignee;
        using (var db = app.OpenDatabase())
        using (var cmd = db.CreateCommand())
        {
            cmd.CommandText = $"SELECT Id FROM AspNetUsers WHERE Email = '{officerEmail}'";
            assignee = Guid.Parse((string)cmd.ExecuteScalar()!);
        }

        var response = await client.PostAsJsonAsync("/api/cases", new
        {
            enterpriseId, contactId, subject = "  Không ký được hóa đơn  ", description = "Lỗi chữ ký số khi phát hành.",
            type = "EInvoiceHelp", channel = "Phone", priority = "High", assigneeId = assignee,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await Body(response);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/api/cases/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("Không ký được hóa đơn", created.GetProperty("subject").GetString());
        Assert.Equal("Assigned", created.GetProperty("status").GetString());
        Assert.Equal(assignee, created.GetProperty("assigneeId").GetGuid());

        var read = await client.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal("High", read.GetProperty("priority").GetString());
        Assert.Equal(contactId, read.GetProperty("contactId").GetGuid());
        Assert.False(string.IsNullOrEmpty(read.GetProperty("enterpriseName").GetString()));

        var mine = await client.GetFromJsonAsync<JsonElement>($"/api/cases?enterpriseId={enterpriseId}&status=Assigned");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == id);

        var minimal = await Body(await client.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = "Tư vấn", type = "Consultation", channel = "Visit" }));
        Assert.Equal("New", minimal.GetProperty("status").GetString());
        Assert.Equal("Normal", minimal.GetProperty("priority").GetString());
    }

    [Fact]
    public async Task Bad_input_is_400_with_field_errors_and_nothing_is_stored()
    {
        var client = await app.CreateAdminClientAsync();
        var (contactId, enterpriseId) = AnyContact(1);
        var (otherContact, otherEnterprise) = AnyContact(50);
        Assert.NotEqual(enterpriseId, otherEnterprise);
        var before = CaseCount;

        await AssertProblem(await client.PostAsJsonAsync("/api/cases", new { }), HttpStatusCode.BadRequest, "SmeSupport:Validation",
            "enterpriseId", "subject", "type", "channel");
        await AssertProblem(await client.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = new string('a', 201), type = "Other", channel = "Email" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "subject");
        await AssertProblem(await client.PostAsJsonAsync("/api/cases",
                new { enterpriseId, subject = "a", description = new string('b', 4001), type = "Other", channel = "Email" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "description");
        await AssertProblem(await client.PostAsJsonAsync("/api/cases", new { enterpriseId = Guid.NewGuid(), subject = "a", type = "Other", channel = "Email" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "enterpriseId");
        await AssertProblem(await client.PostAsJsonAsync("/api/cases", new { enterpriseId, contactId = otherContact, subject = "a", type = "Other", channel = "Email" }),
            HttpStatusCode.BadRequest, "SmeSupport:Validation", "contactId");
        await AssertProblem(await client.PostAsJsonAsync("/api/cases", new { enterpriseId, subject = "a", type = "Nonsense", channel = "Email" }),
            HttpStatusCode.BadRequest, "SmeSupport:MalformedRequest", "type");
        Assert.Equal(before, CaseCount);

        // The same contact with its own enterprise is fine (4,000 characters is the limit, not over it).
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/cases",
            new { enterpriseId, contactId, subject = new string('a', 200), description = new string('b', 4000), type = "Other", channel = "Email" })).StatusCode);
    }

    [Fact]
    public async Task Unknown_case_is_404_list_validates_paging_and_permissions_apply()
    {
        var client = await app.CreateAdminClientAsync();
        await AssertProblem(await client.GetAsync($"/api/cases/{Guid.NewGuid()}"), HttpStatusCode.NotFound, "SmeSupport:NotFound");
        await AssertProblem(await client.GetAsync("/api/cases?pageSize=201"), HttpStatusCode.BadRequest, "SmeSupport:Validation", "pageSize");

        var closed = await client.GetFromJsonAsync<JsonElement>("/api/cases?status=Closed&pageSize=200");
        Assert.Equal(app.Scalar("SELECT COUNT(*) FROM SupportCases WHERE Status = 5"), closed.GetProperty("totalCount").GetInt32());
        Assert.All(closed.GetProperty("items").EnumerateArray(), c => Assert.Equal("Closed", c.GetProperty("status").GetString()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateAnonymousClient().GetAsync("/api/cases")).StatusCode);
        var enterpriseUser = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.EnterpriseUser);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseUser.GetAsync("/api/cases")).StatusCode);
        var before = CaseCount;
        Assert.Equal(HttpStatusCode.Forbidden, (await enterpriseUser.PostAsJsonAsync("/api/cases", new { subject = "x" })).StatusCode);
        Assert.Equal(before, CaseCount);
    }
}
