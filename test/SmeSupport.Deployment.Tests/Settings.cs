using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SmeSupport.TestBase;

namespace SmeSupport.Deployment.Tests;

/// <summary>Settings and helpers shared by the process tests.</summary>
internal static class Settings
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>A production node on the SQLite files of <paramref name="folder"/> (the keys live in the database).</summary>
    public static Dictionary<string, string> Production(TempFolder folder) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ConnectionStrings__Default"] = $"Data Source={folder.File("smesupport.db")}",
        ["ConnectionStrings__Jobs"] = folder.File("jobs.db"),
        ["Email__Provider"] = "File",
        ["Email__OutboxPath"] = folder.File("outbox"),
        ["Cases__AttachmentsPath"] = folder.File("attachments"),
        ["App__PublicBaseUrl"] = "https://portal.example.test",
    };

    /// <summary>Signs in through <c>POST /api/auth/login</c> and returns the bearer token.</summary>
    public static async Task<string> TokenAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login",
            new { email = SmeSupportAppFactory.AdminEmail, password = SmeSupportAppFactory.AdminPassword });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="timeout"/> passes.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The compact-JSON log lines (one object per line) a production host wrote.</summary>
    public static IEnumerable<JsonElement> JsonLog(string stdout)
    {
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            JsonElement element;
            try
            {
                element = JsonDocument.Parse(line).RootElement;
            }
            catch (JsonException)
            {
                continue;
            }

            yield return element;
        }
    }
}
