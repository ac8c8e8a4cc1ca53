using System.Reflection;
using System.Text;
using System.Xml.Linq;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

namespace SmeSupport.Web.Tests;

/// <summary>
/// The seeded admin writes an e-mail template with a broken placeholder (the error shows under the field with its line
/// and column), fixes it, saves both variants and previews it against an enterprise: the HTML is shown only in a
/// sandboxed iframe, so a script in the template never runs in the staff page.
/// </summary>
public sealed class OutreachTemplatesBrowserTests(ITestOutputHelper output)
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ];

    [Fact]
    public void OutreachTemplatesResource_has_the_same_keys_in_Vietnamese_and_English_and_no_empty_value()
    {
        var dir = typeof(OutreachTemplatesBrowserTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "SmeSupportWebUIDir").Value!;
        var vi = Read(Path.Combine(dir, "Resources", "OutreachTemplatesResource.resx"));
        var en = Read(Path.Combine(dir, "Resources", "OutreachTemplatesResource.en.resx"));

        Assert.Empty(vi.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(vi.Keys));
        Assert.DoesNotContain(vi, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.DoesNotContain(en, kv => string.IsNullOrWhiteSpace(kv.Value));
        Assert.All(vi, kv => Assert.True(kv.Value.IsNormalized(NormalizationForm.FormC), kv.Key));
        Assert.Equal("Mẫu thư", vi["Templates.Title"]);
    }

    [Fact]
    public async Task Officer_sees_a_syntax_error_fixes_it_saves_both_variants_and_previews_sandboxed()
    {
        Assert.True(File.Exists(DashboardBrowserTests.ChromiumPath), $"Chromium is missing at {DashboardBrowserTests.ChromiumPath}.");
        await using var host = await HostProcess.StartAsync(TimeSpan.FromSeconds(300));
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
            await page.GotoAsync("/Account/Login");
            await page.FillAsync("input[name='Input.Email']", HostProcess.AdminEmail);
            await page.FillAsync("input[name='Input.Password']", HostProcess.AdminPassword);
            await page.GetByTestId("login-submit").ClickAsync();

            await page.GotoAsync("/Outreach/Templates");
            await page.GetByTestId("template-new").ClickAsync();
            Assert.Contains("{{ enterprise.tax_code }}", await page.GetByTestId("placeholder-help").InnerTextAsync(), StringComparison.Ordinal);

            // A misspelt placeholder: refused, the error under the subject with line and column, the input kept.
            await page.GetByTestId("template-name").FillAsync("Mẫu thử trình duyệt");
            await page.GetByTestId("subjectTemplate").FillAsync("Chào {{ enterprise.adress }}");
            await page.GetByTestId("htmlTemplate").FillAsync(
                "<p>Kính gửi {{ recipient.name }}</p><script>window.parent.document.title = 'pwned';</script>");
            await page.GetByTestId("template-save").ClickAsync();
            var error = (await page.GetByTestId("error-subjectTemplate").InnerTextAsync()).Trim();
            Assert.StartsWith("Dòng 1, cột 20: Trường giữ chỗ không xác định 'enterprise.adress'", error, StringComparison.Ordinal);
            Assert.Equal("Chào {{ enterprise.adress }}", await page.GetByTestId("subjectTemplate").InputValueAsync());

            // Fixed, with an English variant: saved.
            await page.GetByTestId("subjectTemplate").FillAsync("Chào {{ enterprise.name }}");
            await page.GetByTestId("subjectTemplateEn").FillAsync("Hello {{ enterprise.name }}");
            await page.GetByTestId("htmlTemplateEn").FillAsync("<p>Dear {{ recipient.name }}</p>");
            await page.GetByTestId("textTemplateEn").FillAsync("Dear {{ recipient.name }}");
            await page.GetByTestId("template-save").ClickAsync();
            await page.GetByTestId("template-saved").WaitForAsync();
            Assert.Contains("id=", page.Url, StringComparison.Ordinal);

            // Preview without an enterprise: the message stands under the picker, without the generic lead or the raw field key.
            await page.GetByTestId("preview-button").ClickAsync();
            await page.GetByTestId("PreviewEnterpriseId-error").GetByText("Hãy chọn một doanh nghiệp.").WaitForAsync();
            Assert.Equal("Hãy chọn một doanh nghiệp.", (await page.GetByTestId("PreviewEnterpriseId-error").InnerTextAsync()).Trim());
            Assert.Equal(0, await page.GetByTestId("preview-error").CountAsync());

            // Preview against the first enterprise in the picker, in Vietnamese and in English (htmx swaps the result in).
            var option = page.GetByTestId("preview-enterprise").Locator("option").Nth(1);
            var label = (await option.InnerTextAsync()).Trim();
            var enterpriseName = label[..label.LastIndexOf(" (", StringComparison.Ordinal)];
            await page.GetByTestId("preview-enterprise").SelectOptionAsync(await option.GetAttributeAsync("value") ?? "");
            await page.GetByTestId("preview-language").SelectOptionAsync("vi");
            await page.GetByTestId("preview-button").ClickAsync();
            await page.GetByTestId("preview-subject").WaitForAsync();
            Assert.Equal("Chào " + enterpriseName, (await page.GetByTestId("preview-subject").InnerTextAsync()).Trim());
            Assert.Equal("", (await page.GetByTestId("PreviewEnterpriseId-error").InnerTextAsync()).Trim());
            var frame = page.GetByTestId("preview-frame");
            Assert.Equal("", await frame.GetAttributeAsync("sandbox"));
            Assert.Contains("<script>", await frame.GetAttributeAsync("srcdoc") ?? "", StringComparison.Ordinal);
            Assert.NotEqual("pwned", await page.TitleAsync());

            await page.GetByTestId("preview-language").SelectOptionAsync("en");
            await page.GetByTestId("preview-button").ClickAsync();
            await page.GetByTestId("preview-subject").GetByText("Hello " + enterpriseName).WaitForAsync();
            Assert.NotEqual("pwned", await page.TitleAsync());

            await page.GotoAsync("/Outreach/Templates");
            var row = page.GetByTestId("template-table").Locator("tr", new LocatorLocatorOptions { HasText = "Mẫu thử trình duyệt" });
            await row.GetByTestId("has-english").WaitForAsync();
        }
        catch (Exception)
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
            Directory.CreateDirectory(dir);
            var file = Path.Combine(dir, $"outreach-templates-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            output.WriteLine($"Screenshot: {file}");
            output.WriteLine($"URL: {page.Url}");
            output.WriteLine(host.Log);
            throw;
        }
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
}
