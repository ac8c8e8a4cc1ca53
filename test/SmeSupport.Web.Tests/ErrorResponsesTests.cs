using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Xunit;

namespace SmeSupport.Web.Tests;

/// <summary>
/// Error answers of the real host, over HTTP: a page address that does not exist (or a record that is not there, or a method a
/// route does not take) answers the UI's localized status page with the status kept, while <c>/api</c> keeps Problem Details; and
/// every <c>/api</c> 401 and 403 has one shape (code, localized detail, one type) whichever module and mechanism refused it.
/// </summary>
public sealed class ErrorResponsesTests
{
    private const string Html = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    [Fact]
    public async Task Pages_answer_the_localized_status_page_and_the_api_keeps_problem_details_with_one_401_403_shape()
    {
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var admin = await SignInAsync(host, HostProcess.AdminEmail);
        var officerEmail = $"canbo-{Guid.NewGuid():N}"[..20] + "@smesupport.test";
        await PrepareOfficerAsync(host, admin, officerEmail);
        using var officer = await SignInAsync(host, officerEmail);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };

        // 1. Pages (signed in, asking for HTML): the status page in Vietnamese by default, in English on request; the status is kept.
        foreach (var path in new[] { $"Outreach/{Guid.NewGuid()}", $"Partner/Reports/{Guid.NewGuid()}", "Khong/Co/Trang/Nay" })
        {
            var (status, type, body) = await SendAsync(admin, HttpMethod.Get, path, Html);
            Assert.True(status == HttpStatusCode.NotFound || (path.StartsWith("Partner", StringComparison.Ordinal) && status == HttpStatusCode.Forbidden),
                $"{path}: {status}");
            Assert.Equal("text/html", type);
            Assert.Contains("<html", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"code\"", body, StringComparison.Ordinal);
            if (status == HttpStatusCode.NotFound)
            {
                Assert.Contains("Không tìm thấy trang", body, StringComparison.Ordinal);
            }
        }

        var (enStatus, _, enBody) = await SendAsync(admin, HttpMethod.Get, $"Outreach/{Guid.NewGuid()}?culture=en", Html);
        Assert.Equal(HttpStatusCode.NotFound, enStatus);
        Assert.Contains("Page not found", enBody, StringComparison.Ordinal);

        // A method the route does not take (405), also for a POST re-executed to the status page.
        var (methodStatus, methodType, methodBody) = await SendAsync(admin, HttpMethod.Post, "openapi/v1.json", Html);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, methodStatus);
        Assert.Equal("text/html", methodType);
        Assert.Contains("Thao tác không được hỗ trợ", methodBody, StringComparison.Ordinal);

        // The API keeps Problem Details, even for a client that asks for HTML; a non-HTML client of a page gets JSON too.
        var (apiStatus, apiType, apiBody) = await SendAsync(admin, HttpMethod.Get, $"api/outreach/campaigns/{Guid.NewGuid()}", Html);
        Assert.Equal(HttpStatusCode.NotFound, apiStatus);
        Assert.Equal("application/problem+json", apiType);
        var apiProblem = JsonDocument.Parse(apiBody).RootElement;
        Assert.Equal("SmeSupport:NotFound", apiProblem.GetProperty("code").GetString());
        Assert.Equal("Không tìm thấy bản ghi yêu cầu.", apiProblem.GetProperty("detail").GetString());
        var (missingApiStatus, missingApiType, _) = await SendAsync(admin, HttpMethod.Get, "api/khong-co", Html);
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (missingApiStatus, missingApiType));

        // 2. Every /api 401 and 403 has the same shape: code, Vietnamese detail (English on request), one type.
        var refusals = new List<(string What, HttpStatusCode Status, JsonElement Problem)>();
        foreach (var path in new[] { "api/reporting/reports", "api/outreach/campaigns", "api/enterprises", "api/identity/users" })
        {
            refusals.Add(await ProblemAsync(anonymous, "anonymous " + path, path));
        }

        foreach (var path in new[] { "api/reporting/partners", "api/partner/reports", "api/identity/users" })
        {
            refusals.Add(await ProblemAsync(officer, "officer " + path, path));
        }

        foreach (var (what, status, problem) in refusals)
        {
            var (code, detail) = status == HttpStatusCode.Unauthorized
                ? ("SmeSupport:Unauthorized", "Bạn cần đăng nhập trước.")
                : ("SmeSupport:Forbidden", "Bạn không có quyền thực hiện thao tác này.");
            Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{what}: {status}");
            Assert.Equal((what, code), (what, problem.GetProperty("code").GetString()));
            Assert.Equal((what, detail), (what, problem.GetProperty("detail").GetString()));
            Assert.Equal((what, $"https://httpstatuses.io/{(int)status}"), (what, problem.GetProperty("type").GetString()));
        }

        Assert.Contains(refusals, r => r.Status == HttpStatusCode.Unauthorized);
        Assert.Contains(refusals, r => r.Status == HttpStatusCode.Forbidden);
        var (_, _, english) = await ProblemAsync(officer, "officer en", "api/reporting/partners?culture=en");
        Assert.Equal("You do not have permission for this operation.", english.GetProperty("detail").GetString());

        // 3. A file over the server's default request limit (30 MB) on the import page: the import's own size message on the page
        // (it showed "page not found").
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
        browser.DefaultRequestHeaders.Accept.ParseAdd(Html);
        var loginPage = await browser.GetStringAsync("Account/Login");
        var signedIn = await browser.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = HostProcess.AdminEmail, ["Input.Password"] = HostProcess.AdminPassword, ["__RequestVerificationToken"] = Antiforgery(loginPage),
        }));
        Assert.True(signedIn.IsSuccessStatusCode, $"sign-in: {signedIn.StatusCode}");
        var importPage = await browser.GetStringAsync("Enterprises/Import");
        var big = new byte[34 * 1024 * 1024];
        "Mã số thuế,Tên doanh nghiệp\n"u8.CopyTo(big);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Antiforgery(importPage)), "__RequestVerificationToken" },
            { new ByteArrayContent(big), "file", "lon.csv" },
        };
        using var dryRun = await browser.PostAsync("Enterprises/Import?handler=DryRun", form);
        var dryRunBody = System.Net.WebUtility.HtmlDecode(await dryRun.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, dryRun.StatusCode);
        Assert.Contains("Tệp lớn hơn giới hạn 10 MB", dryRunBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Không tìm thấy trang", dryRunBody, StringComparison.Ordinal);
    }

    private static string Antiforgery(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;

    private static async Task<(HttpStatusCode Status, string? Type, string Body)> SendAsync(HttpClient client, HttpMethod method, string path, string accept)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(accept);
        using var response = await client.SendAsync(request);
        // Razor encodes non-ASCII text as character references (&#x1EA5;); decode as a browser would before reading the words.
        var text = await response.Content.ReadAsStringAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        return (response.StatusCode, type, type == "text/html" ? System.Net.WebUtility.HtmlDecode(text) : text);
    }

    private static async Task<(string What, HttpStatusCode Status, JsonElement Problem)> ProblemAsync(HttpClient client, string what, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Length > 0, $"{what}: {response.StatusCode} without a body");
        return (what, response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    private static async Task<HttpClient> SignInAsync(HostProcess host, string email)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("api/auth/login", new { email, password = HostProcess.AdminPassword });
        Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
        return http;
    }

    /// <summary>Invites an Officer and gives it the admin's password (as the partner-reports browser test does).</summary>
    private static async Task PrepareOfficerAsync(HostProcess host, HttpClient admin, string email)
    {
        var invited = await admin.PostAsJsonAsync("api/identity/users/invite", new { email, roles = new[] { "Officer" } });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());
        await using var db = new SqliteConnection($"Data Source={host.DatabasePath}");
        await db.OpenAsync();
        await using var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE AspNetUsers SET EmailConfirmed = 1, PasswordHash = (SELECT PasswordHash FROM AspNetUsers WHERE NormalizedEmail = upper($admin)) WHERE NormalizedEmail = upper($email)";
        cmd.Parameters.AddWithValue("$admin", HostProcess.AdminEmail);
        cmd.Parameters.AddWithValue("$email", email);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
