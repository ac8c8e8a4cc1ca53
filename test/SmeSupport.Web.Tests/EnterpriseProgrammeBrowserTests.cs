using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The cohorts and assessments tab of the staff enterprise page in Chromium against the real host: the admin adds a seeded
/// enterprise to a pilot cohort and records a digital-maturity assessment; a score out of 0–5 is refused next to its field in
/// Vietnamese and nothing is saved; both then show in the lists.
/// </summary>
public sealed class EnterpriseProgrammeBrowserTests(ITestOutputHelper output)
{
    private static readonly PageWaitForURLOptions DomReady = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public async Task Staff_add_a_cohort_and_an_assessment_and_a_bad_score_is_refused_next_to_its_field()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath),
            $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}: run `apt-get update && apt-get install -y chromium` (never `playwright install`).");

        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = DashboardBrowserTests.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var joined = today.AddDays(-10);
        var assessed = today.AddDays(-2);

        try
        {
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();
            await page.GetByTestId("dashboard-heading").WaitForAsync();

            await page.GotoAsync("/Enterprises");
            await page.GetByTestId("enterprise-row").First.GetByRole(AriaRole.Link).First.ClickAsync();
            await page.WaitForURLAsync(new Regex("/Enterprises/[0-9a-f-]{36}$"), DomReady);
            var detailsUrl = page.Url;

            await page.GetByTestId("tab-programme").ClickAsync();
            await Assertions.Expect(page.GetByTestId("assessments-empty")).ToBeVisibleAsync();

            // A cohort: the list shows it with its date, and the tab stays open after the redirect.
            var cohort = "Đợt thử " + Guid.NewGuid().ToString("N")[..6];
            await page.GetByTestId("cohort-name").FillAsync(cohort);
            await page.GetByTestId("cohort-joined-on").FillAsync(joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("cohort-add").ClickAsync();
            await page.WaitForURLAsync(new Regex("tab=programme"), DomReady);
            Assert.Equal($"Đã thêm vào đợt {cohort}.", (await page.GetByTestId("status-message").InnerTextAsync()).Trim());
            await Assertions.Expect(page.GetByTestId("tab-programme")).ToHaveClassAsync(new Regex("active"));
            var row = page.Locator($"[data-testid='cohort-row'][data-name='{cohort}']");
            await Assertions.Expect(row.GetByTestId("cohort-joined")).ToHaveTextAsync(joined.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            // The name is now offered to the next enterprise.
            Assert.Equal(1, await page.Locator($"#cohort-names option[value='{cohort}']").CountAsync());

            // The same cohort again is refused on the form, in Vietnamese.
            await page.GetByTestId("cohort-name").FillAsync(cohort);
            await page.GetByTestId("cohort-joined-on").FillAsync(joined.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("cohort-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cohort-name")).ToHaveClassAsync(new Regex("is-invalid"));
            Assert.NotEmpty((await page.GetByTestId("error-cohort").InnerTextAsync()).Trim());
            await Assertions.Expect(page.GetByTestId("cohort-row")).ToHaveCountAsync(1);

            // An assessment with a strategy score of 7: refused next to that field, the rest kept, nothing saved.
            await page.GetByTestId("assessment-assessedOn").FillAsync(assessed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("assessment-assessor-input").FillAsync("Sở Khoa học và Công nghệ");
            await page.GetByTestId("assessment-customerExperience").FillAsync("3");
            await page.GetByTestId("assessment-strategy").FillAsync("7");
            await page.GetByTestId("assessment-infrastructureAndTechnology").FillAsync("2");
            await page.GetByTestId("assessment-operations").FillAsync("2");
            await page.GetByTestId("assessment-organisationalCulture").FillAsync("1");
            await page.GetByTestId("assessment-dataAndInformationAssets").FillAsync("2");
            await page.GetByTestId("assessment-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("assessment-strategy")).ToHaveClassAsync(new Regex("is-invalid"));
            Assert.Equal("Mức phải từ 0 (chưa bắt đầu) đến 5 (dẫn đầu).", (await page.GetByTestId("error-assessment-strategy").InnerTextAsync()).Trim());
            Assert.Equal("", (await page.GetByTestId("error-assessment-customerExperience").InnerTextAsync()).Trim());
            Assert.Equal("3", await page.GetByTestId("assessment-customerExperience").InputValueAsync());
            Assert.Equal("Sở Khoa học và Công nghệ", await page.GetByTestId("assessment-assessor-input").InputValueAsync());
            await Assertions.Expect(page.GetByTestId("assessments-empty")).ToBeVisibleAsync();

            // Corrected: saved, listed with the overall level the mean of the pillars rounded down ((3+4+2+2+1+2)/6 = 2).
            await page.GetByTestId("assessment-strategy").FillAsync("4");
            await page.GetByTestId("assessment-add").ClickAsync();
            await page.WaitForURLAsync(new Regex("tab=programme"), DomReady);
            await Assertions.Expect(page.GetByTestId("assessment-row")).ToHaveCountAsync(1);
            var assessment = page.GetByTestId("assessment-row").First;
            await Assertions.Expect(assessment.GetByTestId("assessment-date")).ToHaveTextAsync(assessed.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            await Assertions.Expect(assessment.GetByTestId("assessment-assessor")).ToHaveTextAsync("Sở Khoa học và Công nghệ");
            await Assertions.Expect(assessment.GetByTestId("assessment-level")).ToHaveTextAsync("2");

            // An older one with its own level goes below the newer one.
            await page.GetByTestId("assessment-assessedOn").FillAsync(assessed.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.GetByTestId("assessment-assessor-input").FillAsync("Chuyên gia A");
            foreach (var p in new[] { "customerExperience", "strategy", "infrastructureAndTechnology", "operations", "organisationalCulture", "dataAndInformationAssets" })
            {
                await page.GetByTestId($"assessment-{p}").FillAsync("1");
            }

            await page.GetByTestId("assessment-overallLevel").FillAsync("1");
            await page.GetByTestId("assessment-add").ClickAsync();
            await Assertions.Expect(page.GetByTestId("assessment-row")).ToHaveCountAsync(2);
            Assert.Equal(["Sở Khoa học và Công nghệ", "Chuyên gia A"],
                (await page.GetByTestId("assessment-assessor").AllInnerTextsAsync()).Select(t => t.Trim()).ToArray());

            // Remove the cohort membership.
            page.Dialog += (_, dialog) => dialog.AcceptAsync();
            await row.GetByTestId("cohort-remove").ClickAsync();
            await Assertions.Expect(page.GetByTestId("cohorts-empty")).ToBeVisibleAsync();
            Assert.StartsWith(detailsUrl, page.Url, StringComparison.Ordinal);
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"programme-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}\nURL: {page.Url}\nHost log:\n{host.Log}");
            throw;
        }
    }
}
