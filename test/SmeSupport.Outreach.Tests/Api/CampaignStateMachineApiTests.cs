using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.Outreach.Contracts;
using SmeSupport.TestBase;

namespace SmeSupport.Outreach.Tests.Api;

/// <summary>
/// Every campaign status against every action through the HTTP API: what <see cref="CampaignStateMachine"/> allows
/// succeeds, anything else is a 409 with a code and changes nothing — the rule the detail page uses to show its buttons.
/// </summary>
public sealed class CampaignStateMachineApiTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    private static readonly JsonSerializerOptions Json = SmeSupportAppFactory.Json;

    public static TheoryData<CampaignStatus, CampaignAction> Cases()
    {
        var data = new TheoryData<CampaignStatus, CampaignAction>();
        foreach (var status in Enum.GetValues<CampaignStatus>())
        {
            foreach (var action in Enum.GetValues<CampaignAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    [Fact]
    public void The_rule_is_the_documented_state_machine()
    {
        Assert.Equal([CampaignAction.Send, CampaignAction.Cancel, CampaignAction.EditSchedule], ActionsOf(CampaignStatus.Draft));
        Assert.Equal([CampaignAction.Send, CampaignAction.Pause, CampaignAction.Cancel, CampaignAction.EditSchedule], ActionsOf(CampaignStatus.Scheduled));
        Assert.Equal([CampaignAction.Resume, CampaignAction.Cancel, CampaignAction.EditSchedule], ActionsOf(CampaignStatus.Paused));
        Assert.Empty(ActionsOf(CampaignStatus.Completed));
        Assert.Empty(ActionsOf(CampaignStatus.Cancelled));
        // A one-off campaign already sent cannot be sent again; a recurring one can (a manual occurrence).
        var once = Dto(CampaignStatus.Scheduled, cron: null);
        Assert.DoesNotContain(CampaignAction.Send, CampaignStateMachine.ActionsFor(once, onceSent: true));
        Assert.Contains(CampaignAction.Send, CampaignStateMachine.ActionsFor(Dto(CampaignStatus.Scheduled, "0 9 * * *"), onceSent: true));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_api_allows_exactly_what_the_state_machine_allows_and_answers_409_with_a_code_otherwise(CampaignStatus status, CampaignAction action)
    {
        var client = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var campaign = await OutreachApiTests.CreateCampaignAsync(client, CampaignPurpose.Service, $"Trạng thái {status} {action} {Guid.NewGuid():N}");
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime.Date.AddDays(3).AddHours(9);
        // Bring it to the status: a schedule makes it Scheduled; pause and cancel go through the API; Completed is set directly.
        if (status != CampaignStatus.Draft)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local }, Json)).StatusCode);
        }

        if (status == CampaignStatus.Paused)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/pause", null)).StatusCode);
        }
        else if (status == CampaignStatus.Cancelled)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/cancel", null)).StatusCode);
        }
        else if (status == CampaignStatus.Completed)
        {
            using var db = app.OpenDatabase();
            using var cmd = db.CreateCommand();
            cmd.CommandText = $"UPDATE Campaigns SET Status = {(int)CampaignStatus.Completed} WHERE Id = '{campaign.Id.ToString().ToUpperInvariant()}' OR Id = '{campaign.Id}'";
            Assert.Equal(1, cmd.ExecuteNonQuery());
        }

        Assert.Equal(status, (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaign.Id}", Json))!.Status);

        var response = action switch
        {
            CampaignAction.Send => await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/send", null),
            CampaignAction.Pause => await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/pause", null),
            CampaignAction.Resume => await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/resume", null),
            CampaignAction.Cancel => await client.PostAsync($"/api/outreach/campaigns/{campaign.Id}/cancel", null),
            CampaignAction.EditSchedule => await client.PutAsJsonAsync($"/api/outreach/campaigns/{campaign.Id}/schedule", new { scheduledAtLocal = local.AddDays(1) }, Json),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };

        if (CampaignStateMachine.Allows(status, action))
        {
            Assert.True(response.IsSuccessStatusCode, $"{status} {action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return;
        }

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var expectedCode = action switch
        {
            CampaignAction.Send => OutreachErrorCodes.CampaignNotSendable,
            CampaignAction.EditSchedule => OutreachErrorCodes.CampaignScheduleLocked,
            _ => OutreachErrorCodes.CampaignStatusConflict,
        };
        Assert.Equal(expectedCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(status, (await client.GetFromJsonAsync<CampaignDto>($"/api/outreach/campaigns/{campaign.Id}", Json))!.Status);
    }

    private static IReadOnlyList<CampaignAction> ActionsOf(CampaignStatus status) => CampaignStateMachine.ActionsFor(Dto(status, null));

    private static CampaignDto Dto(CampaignStatus status, string? cron) =>
        new(Guid.NewGuid(), "x", CampaignPurpose.Service, Guid.NewGuid(), [], status, null, null, OutreachCountsDto.Empty, DateTimeOffset.UnixEpoch, cron);
}
