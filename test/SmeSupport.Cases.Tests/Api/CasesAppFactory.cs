using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SmeSupport.TestBase;

namespace SmeSupport.Cases.Tests.Api;

/// <summary>
/// The real host with a settable clock (tests go back to fixed dates in 2025, which <c>FakeTimeProvider</c> refuses),
/// attachments in the factory's folder and a 64 KB attachment limit.
/// </summary>
public sealed class CasesAppFactory : SmeSupportAppFactory
{
    /// <summary>Attachment limit in these tests.</summary>
    public const int MaxAttachmentBytes = 64 * 1024;

    public string AttachmentsPath => Path.Combine(Directory, "attachments");

    /// <summary>The host's clock.</summary>
    public SettableClock CasesClock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(CasesClock)));
    }

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Cases:AttachmentsPath"] = AttachmentsPath;
        settings["Cases:MaxAttachmentBytes"] = MaxAttachmentBytes.ToString(CultureInfo.InvariantCulture);
        settings["Cases:ReopenWindowDays"] = "7";
    }

    /// <summary>Sets the clock to a Vietnam local time "yyyy-MM-dd HH:mm".</summary>
    public void SetVietnamTime(string local) => CasesClock.Now = Vn(local);

    public static DateTimeOffset Vn(string local) =>
        new DateTimeOffset(DateTime.ParseExact(local, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.FromHours(7)).ToUniversalTime();

    public static string Sql(Guid id) => id.ToString().ToUpperInvariant();

    /// <summary>Creates a user in a role and returns its id and a signed-in client.</summary>
    public async Task<(Guid Id, HttpClient Client)> UserAsync(string role, Guid? enterpriseId = null)
    {
        var email = await CreateUserAsync(role, enterpriseId);
        return (UserId(email), await CreateClientAsync(email, UserPassword));
    }

    /// <summary>The first column of the first row of <paramref name="sql"/>, as text.</summary>
    public string ScalarText(string sql)
    {
        using var c = OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToString(cmd.ExecuteScalar(), CultureInfo.InvariantCulture)!;
    }

    public Guid UserId(string email)
    {
        using var c = OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT Id FROM AspNetUsers WHERE Email = $e";
        cmd.Parameters.AddWithValue("$e", email);
        return Guid.Parse((string)cmd.ExecuteScalar()!);
    }

    /// <summary>An enterprise with a contact that consented to service messages: (contact, enterprise, ward).</summary>
    public (Guid ContactId, Guid EnterpriseId, int WardCode) ContactWithServiceConsent(int skip)
    {
        using var c = OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT c.Id, c.EnterpriseId, e.WardCode FROM Contacts c
            JOIN Enterprises e ON e.Id = c.EnterpriseId
            WHERE c.IsDeleted = 0 AND e.IsDeleted = 0 AND c.Email IS NOT NULL
              AND EXISTS (SELECT 1 FROM ContactConsents k WHERE k.ContactId = c.Id AND k.Purpose = 1 AND k.WithdrawnAt IS NULL)
            ORDER BY c.Id LIMIT 1 OFFSET {skip}
            """;
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        return (Guid.Parse(reader.GetString(0)), Guid.Parse(reader.GetString(1)), reader.GetInt32(2));
    }

    /// <summary>An enterprise whose commune is not <paramref name="notWard"/> and that nobody covers.</summary>
    public Guid EnterpriseOutside(int notWard)
    {
        using var c = OpenDatabase();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT Id FROM Enterprises WHERE IsDeleted = 0 AND WardCode <> {notWard}
              AND WardCode NOT IN (SELECT WardCode FROM OfficerCommuneCoverages) ORDER BY Id LIMIT 1
            """;
        return Guid.Parse((string)cmd.ExecuteScalar()!);
    }

    public static async Task<JsonElement> Body(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status, string code, params string[] fields)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        foreach (var field in fields)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
        }

        return problem;
    }

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}

/// <summary>A clock tests set to any instant, back or forth.</summary>
public sealed class SettableClock : TimeProvider
{
    /// <summary>The current instant (UTC); the real time until set.</summary>
    public DateTimeOffset? Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now ?? DateTimeOffset.UtcNow;
}
