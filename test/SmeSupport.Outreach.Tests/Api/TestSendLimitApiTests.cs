using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>The host on a fake clock, for the sliding hour of the test-send limit.</summary>
public sealed class TestSendLimitFactory : SmeSupportAppFactory
{
    /// <inheritdoc />
    protected override bool UseFakeClock => true;
}

/// <summary>
/// The test-send limit (10 per user per sliding hour) is counted from the database: sends recorded by another node or before
/// a restart count, and the refusal is a 429 with its code and a Retry-After until the oldest send leaves the hour.
/// </summary>
public sealed class TestSendLimitApiTests(TestSendLimitFactory app) : IClassFixture<TestSendLimitFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    private (Guid EnterpriseId, Guid UserId) Ids(string email)
    {
        using var db = app.OpenDatabase();
        string Text(string sql)
        {
            using var cmd = db.CreateCommand();
            cmd.CommandText = sql;
            return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return (Guid.Parse(Text("SELECT Id FROM Enterprises ORDER BY Id LIMIT 1")),
            Guid.Parse(Text($"SELECT Id FROM AspNetUsers WHERE NormalizedEmail = '{email.ToUpperInvariant()}'")));
    }

    private long Rows(Guid userId) =>
        app.Scalar($"SELECT COUNT(*) FROM OutreachTestSends WHERE UserId = '{userId.ToString().ToUpperInvariant()}' OR UserId = '{userId}'");

    [Fact]
    public async Task Sends_recorded_elsewhere_count_the_refusal_is_429_with_Retry_After_and_the_slot_frees_when_the_oldest_leaves_the_hour()
    {
        var email = await app.CreateUserAsync(SmeSupportAppFactory.Roles.Officer);
        var officer = await app.CreateClientAsync(email, SmeSupportAppFactory.UserPassword);
        var admin = await app.CreateAdminClientAsync();
        var templateId = (await OutreachApiTests.CreateCampaignAsync(admin, CampaignPurpose.Service, "Giới hạn gửi thử " + Guid.NewGuid().ToString("N")[..6])).TemplateId;
        var (enterpriseId, userId) = Ids(email);
        var url = $"/api/outreach/templates/{templateId}/test-send";

        var remaining = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var ok = await officer.PostAsJsonAsync(url, new { enterpriseId }, Json);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            remaining.Add((await ok.Content.ReadFromJsonAsync<TemplateTestSendResultDto>(Json))!.RemainingThisHour);
        }

        Assert.Equal([9, 8, 7, 6], remaining);
        Assert.Equal(4, Rows(userId));

        // Another node (or this one before a restart) recorded 6 sends of the same user 59 minutes ago: with them, the hour is full.
        var now = app.Clock.GetUtcNow();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<OutreachDb>();
            for (var i = 0; i < 6; i++)
            {
                db.TestSends.Add(new TemplateTestSend { UserId = userId, TemplateId = templateId, SentAt = now.AddMinutes(-59) });
            }

            return await db.Context.SaveChangesAsync();
        });

        var limited = await officer.PostAsJsonAsync(url, new { enterpriseId }, Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var problem = await limited.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(OutreachTemplateErrorCodes.TestSendRateLimited, problem.GetProperty("code").GetString());
        // The oldest six leave the hour in 60 s, and one slot is enough.
        Assert.Equal("60", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(60, problem.GetProperty("retryAfter").GetInt32());
        Assert.Equal("Mỗi người được gửi thử tối đa 10 thư mỗi giờ; hãy thử lại sau 1 phút.", problem.GetProperty("detail").GetString());
        Assert.Equal(10, Rows(userId)); // the refused attempt left no row

        // 30 s later it is still refused, with the wait shortened.
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var again = await officer.PostAsJsonAsync(url, new { enterpriseId }, Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal("30", again.Headers.GetValues("Retry-After").Single());
        Assert.Equal("Mỗi người được gửi thử tối đa 10 thư mỗi giờ; hãy thử lại sau 30 giây.",
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // Once the six have left the hour, four sends are counted and six remain.
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        var freed = await officer.PostAsJsonAsync(url, new { enterpriseId }, Json);
        Assert.Equal(HttpStatusCode.OK, freed.StatusCode);
        Assert.Equal(5, (await freed.Content.ReadFromJsonAsync<TemplateTestSendResultDto>(Json))!.RemainingThisHour);

        // Another user is not limited by this one's sends.
        var other = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var otherResult = await other.PostAsJsonAsync(url, new { enterpriseId }, Json);
        Assert.Equal(HttpStatusCode.OK, otherResult.StatusCode);
        Assert.Equal(9, (await otherResult.Content.ReadFromJsonAsync<TemplateTestSendResultDto>(Json))!.RemainingThisHour);
    }
}
