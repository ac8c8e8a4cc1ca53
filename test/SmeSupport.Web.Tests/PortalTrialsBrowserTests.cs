using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MimeKit;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// An enterprise user (self-registered, confirmed and approved through the API, password set on the set-password page) opens its own
/// trial in the portal and adds a check-in — through Chromium against the real host.
/// </summary>
public sealed partial class PortalTrialsBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    private const string Password = "Portal#2026-DoanhNghiep";

    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh")).DateTime);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A tax code not in the demo registry, with a right check digit (Circular 86/2024/TT-BTC weights).</summary>
    private static string NewTaxCode()
    {
        int[] weights = [31, 29, 23, 19, 17, 13, 7, 5, 3];
        while (true)
        {
            var nine = "26" + Random.Shared.Next(1, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            var remainder = nine.Select((c, i) => weights[i] * (c - '0')).Sum() % 11;
            if (remainder != 0)
            {
                return nine + (10 - remainder);
            }
        }
    }

    private static async Task<string> LinkAsync(string outbox, string to, string pathPart)
    {
        for (var i = 0; i < 300; i++)
        {
            if (Directory.Exists(outbox))
            {
                foreach (var file in Directory.GetFiles(outbox, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == to) && LinkRegex().Matches(message.TextBody ?? "")
                            .Select(m => m.Value).FirstOrDefault(l => l.Contains(pathPart, StringComparison.Ordinal)) is { } link)
                    {
                        return link;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No e-mail to {to} with a link to {pathPart}.");
    }

    [Fact]
    public async Task Enterprise_user_adds_a_check_in_to_its_own_trial()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await admin.PostAsJsonAsync("/api/auth/login", new { email = HostProcess.AdminEmail, password = HostProcess.AdminPassword });
        login.EnsureSuccessStatusCode();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

        // Self-registration: form token, the minimum fill time, submit, confirm by the e-mailed link, approve.
        var email = $"dn-{Guid.NewGuid():N}@example.vn";
        var token = (await anonymous.GetFromJsonAsync<JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString();
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var submitted = await anonymous.PostAsJsonAsync("/api/registrations", new
        {
            enterprise = new
            {
                taxCode = NewTaxCode(), name = "Công ty TNHH Cổng Thông Tin Thử", legalForm = "SingleMemberLlc", industryCode = "4711", employees = 5,
                annualRevenueVnd = 2_000_000_000m, capitalVnd = 1_000_000_000m, wardCode = 4792, street = "Số 5, đường Trần Phú",
            },
            contact = new { fullName = "Hoàng Văn Em", position = "Giám đốc", email, mobile = "0912345678" },
            consents = new { service = true, advertising = false },
            formToken = token,
        });
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var registrationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var confirmLink = await LinkAsync(host.OutboxPath, email, "/Register/Confirm");
        var confirmToken = Uri.UnescapeDataString(confirmLink[(confirmLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        (await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token = confirmToken })).EnsureSuccessStatusCode();
        var approved = await admin.PostAsync($"/api/registrations/{registrationId}/approve", null);
        Assert.True(approved.IsSuccessStatusCode, await approved.Content.ReadAsStringAsync());
        var enterpriseId = (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("enterpriseId").GetGuid();

        // Staff plan and start a trial for it.
        var platformId = (await admin.GetFromJsonAsync<JsonElement>("/api/trials/platforms")).EnumerateArray()
            .Single(p => p.GetProperty("name").GetString() == "MISA AMIS Kế toán").GetProperty("id").GetGuid();
        var created = await admin.PostAsJsonAsync("/api/trials", new { enterpriseId, platformId, startDate = Iso(Today.AddDays(-3)) });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var trialId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/trials/{trialId}/start", null)).EnsureSuccessStatusCode();
        var setPassword = await LinkAsync(host.OutboxPath, email, "/Account/SetPassword");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        try
        {
            await page.GotoAsync(new Uri(host.BaseAddress, new Uri(setPassword).PathAndQuery).ToString());
            await page.FillAsync("input[name='Input.Password']", Password);
            await page.FillAsync("input[name='Input.ConfirmPassword']", Password);
            await page.GetByTestId("set-password-submit").ClickAsync();
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", email);
            await page.FillAsync("input[name='Input.Password']", Password);
            await page.GetByTestId("login-submit").ClickAsync();

            // The portal's nav shows its own pages, not the staff ones.
            await page.GetByTestId("nav-portal-trials").ClickAsync();
            Assert.Equal(0, await page.GetByTestId("nav-trials").CountAsync());
            await page.GetByTestId("portal-trial-table").GetByText("MISA AMIS Kế toán").ClickAsync();
            await page.SelectOptionAsync("#UsageLevel", "High");
            await page.SelectOptionAsync("#Satisfaction", "5");
            await page.FillAsync("#Notes", "Dùng hằng ngày để ghi sổ");
            await page.GetByTestId("checkin-submit").ClickAsync();
            Assert.Equal("Đã ghi nhận lần kiểm tra.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            Assert.Equal("Dùng hằng ngày để ghi sổ", (await page.GetByTestId("checkin-notes").InnerTextAsync()).Trim());

            // A check-in outside the trial: refused with the reason in Vietnamese, nothing stored.
            await page.FillAsync("#CheckInDate", Iso(Today.AddDays(-30)));
            await page.GetByTestId("checkin-submit").ClickAsync();
            Assert.NotEqual(0, await page.GetByTestId("problem").CountAsync());

            var details = await admin.GetFromJsonAsync<JsonElement>($"/api/trials/{trialId}/details");
            var checkIn = Assert.Single(details.GetProperty("checkIns").EnumerateArray());
            Assert.Equal("Enterprise", checkIn.GetProperty("source").GetString());
            Assert.Equal(5, checkIn.GetProperty("satisfaction").GetInt32());

            // Staff pages are refused to the enterprise user.
            var staff = await page.GotoAsync("/Trials");
            Assert.Contains("/Account/AccessDenied", page.Url, StringComparison.Ordinal);
            Assert.NotNull(staff);
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"portal-trials-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }

    [GeneratedRegex(@"https?://[^\s""<>]+")]
    private static partial Regex LinkRegex();
}
