using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmeSupport.Enterprises.Application;
using SmeSupport.Enterprises.Tests.Support;
using SmeSupport.Identity.Domain;
using SmeSupport.TestBase;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>A factory with a fake clock (to step over the minimum fill time and the link's expiry) and a generous rate limit.</summary>
public class RegistrationAppFactory : SmeSupportAppFactory
{
    protected override bool UseFakeClock => true;

    protected override void ConfigureSettings(IDictionary<string, string?> settings) => settings["Registrations:RateLimitPermits"] = "1000";
}

/// <summary>Self-registration through HTTP: submit, confirm by the e-mailed link, approve, sign in as the enterprise; and every refusal.</summary>
public sealed partial class RegistrationApiTests(RegistrationAppFactory app) : IClassFixture<RegistrationAppFactory>
{
    private static object Form(string taxCode, string token, string email, string name = "Công ty TNHH Đăng Ký Mới", string? fax = null) => new
    {
        enterprise = TestData.Enterprise(taxCode, name),
        contact = new { fullName = "Hoàng Văn Em", position = "Giám đốc", email, mobile = "0912345678" },
        consents = new { service = true, advertising = true },
        formToken = token,
        faxNumber = fax,
    };

    private async Task<string> FormTokenAsync(HttpClient client, bool wait = true)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString()!;
        if (wait)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(5));
        }

        return token;
    }

    private static string Email() => $"reg-{Guid.NewGuid():N}@example.vn";

    private async Task<MimeMessage> MailToAsync(string address, string subjectPart)
    {
        for (var i = 0; i < 50; i++)
        {
            if (Directory.Exists(app.OutboxPath))
            {
                foreach (var file in Directory.GetFiles(app.OutboxPath, "*.eml"))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(m => m.Address == address) && (message.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal))
                    {
                        return message;
                    }
                }
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No e-mail to {address} with '{subjectPart}'.");
    }

    private async Task<(Guid Id, string Token)> SubmitAsync(HttpClient anonymous, string taxCode, string email, string name = "Công ty TNHH Đăng Ký Mới")
    {
        var response = await anonymous.PostAsJsonAsync("/api/registrations", Form(taxCode, await FormTokenAsync(anonymous), email, name));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Json()).GetProperty("id").GetGuid();
        var mail = await MailToAsync(email, "Confirm");
        var link = LinkRegex().Match(mail.TextBody!).Value;
        Assert.StartsWith("http://localhost:5080/Register/Confirm?token=", link, StringComparison.Ordinal);
        return (id, Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]));
    }

    [Fact]
    public async Task Five_parallel_confirmations_of_one_link_confirm_once_and_the_others_hear_ConfirmationLinkUsed()
    {
        var anonymous = app.CreateAnonymousClient();
        var (id, token) = await SubmitAsync(anonymous, TestData.NewTaxCode(), Email());

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        foreach (var loser in responses.Where(r => r.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, loser.StatusCode);
            Assert.Equal("SmeSupport:Enterprises:ConfirmationLinkUsed", (await loser.Json()).Code());
        }

        Assert.Equal(1, app.Scalar($"SELECT COUNT(*) FROM EnterpriseRegistrations WHERE Id = '{id.ToString().ToUpperInvariant()}' AND EmailConfirmedAt IS NOT NULL"));
    }

    [Fact]
    public async Task Register_confirm_approve_and_sign_in_as_the_enterprise()
    {
        var anonymous = app.CreateAnonymousClient();
        var taxCode = TestData.NewTaxCode();
        var email = Email();
        var (id, token) = await SubmitAsync(anonymous, taxCode, email);

        // The same tax code while pending: refused, nothing stored.
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations");
        var again = await anonymous.PostAsJsonAsync("/api/registrations", Form(taxCode.Insert(4, "."), await FormTokenAsync(anonymous), Email()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var pending = await again.Json();
        Assert.Equal("SmeSupport:Enterprises:DuplicatePendingRegistration", pending.Code());
        Assert.Equal($"Đã có một đăng ký với mã số thuế {taxCode} đang chờ xử lý.",
            pending.GetProperty("errors").GetProperty("enterprise.taxCode")[0].GetString());
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations"));

        // Approving before the e-mail is confirmed: 409.
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var early = await officer.PostAsync($"/api/registrations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:InvalidRegistrationState", (await early.Json()).Code());

        var confirmed = await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Submitted", (await confirmed.Json()).GetProperty("status").GetString());
        var twice = await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConfirmationLinkUsed", (await twice.Json()).Code());

        var queue = await officer.GetFromJsonAsync<JsonElement>("/api/registrations?status=Submitted&pageSize=200");
        Assert.Contains(queue.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetGuid() == id);

        var approved = await officer.PostAsync($"/api/registrations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var registration = await approved.Json();
        Assert.Equal("Approved", registration.GetProperty("status").GetString());
        var enterpriseId = registration.GetProperty("enterpriseId").GetGuid();
        var enterprise = await officer.GetFromJsonAsync<JsonElement>($"/api/enterprises/{enterpriseId}");
        Assert.Equal(taxCode, enterprise.GetProperty("taxCode").GetString());
        var contacts = await officer.GetFromJsonAsync<JsonElement>($"/api/enterprises/{enterpriseId}/contacts");
        var contact = Assert.Single(contacts.EnumerateArray());
        Assert.Equal("+84912345678", contact.GetProperty("mobile").GetString());
        Assert.True(contact.GetProperty("advertisingConsent").GetBoolean());
        Assert.All(contact.GetProperty("consents").EnumerateArray(), c => Assert.Equal("Registration", c.GetProperty("grantedVia").GetString()));

        var reapprove = await officer.PostAsync($"/api/registrations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.Conflict, reapprove.StatusCode);

        // The set-password e-mail carries the user id and a reset token; the set-password page does what this does.
        var mail = await MailToAsync(email, "approved");
        var link = LinkRegex().Matches(mail.TextBody!).Select(m => m.Value).First(l => l.Contains("/Account/SetPassword", StringComparison.Ordinal));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        const string password = "Enterprise#2026";
        var reset = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(query["userId"]!);
            Assert.Equal(enterpriseId, user!.EnterpriseId);
            return await users.ResetPasswordAsync(user, query["token"]!, password);
        });
        Assert.True(reset.Succeeded);

        var portal = await app.CreateClientAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, (await portal.GetAsync($"/api/enterprises/{enterpriseId}")).StatusCode);
        var someoneElse = (await officer.GetFromJsonAsync<JsonElement>("/api/enterprises?pageSize=1")).GetProperty("items")[0].GetProperty("id").GetGuid();
        if (someoneElse != enterpriseId)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await portal.GetAsync($"/api/enterprises/{someoneElse}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await portal.GetAsync("/api/registrations")).StatusCode);

        // Now an enterprise has the tax code: a new registration is refused with that reason.
        var taken = await anonymous.PostAsJsonAsync("/api/registrations", Form(taxCode, await FormTokenAsync(anonymous), Email()));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var takenProblem = await taken.Json();
        Assert.Equal("SmeSupport:Enterprises:DuplicateTaxCode", takenProblem.Code());
        Assert.Equal($"Mã số thuế {taxCode} đã được đăng ký với văn phòng.",
            takenProblem.GetProperty("errors").GetProperty("enterprise.taxCode")[0].GetString());
    }

    [Fact]
    public async Task The_welcome_segment_selects_enterprises_approved_within_the_days_and_never_those_entered_by_staff()
    {
        var anonymous = app.CreateAnonymousClient();
        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var (id, token) = await SubmitAsync(anonymous, TestData.NewTaxCode(), Email(), "Công ty TNHH Chào Mừng");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token })).StatusCode);
        var approved = await officer.PostAsync($"/api/registrations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var enterpriseId = (await approved.Json()).GetProperty("enterpriseId").GetGuid();
        var byStaff = await TestData.CreateEnterpriseAsync(officer);

        Task<IReadOnlyCollection<Guid>> Approved(int days) => app.WithScopeAsync(sp =>
            sp.GetRequiredService<SmeSupport.Enterprises.Contracts.IEnterpriseSegmentQuery>()
                .FindEnterpriseIdsAsync(new SmeSupport.Enterprises.Contracts.EnterpriseCriteriaDto { ApprovedWithinDays = days }));

        var today = await Approved(1);
        app.Clock.Advance(TimeSpan.FromDays(2));
        var afterTwoDaysWithinOne = await Approved(1);
        var afterTwoDaysWithinSeven = await Approved(7);

        Assert.Contains(enterpriseId, today);
        Assert.DoesNotContain(byStaff, today);
        Assert.DoesNotContain(enterpriseId, afterTwoDaysWithinOne);
        Assert.Contains(enterpriseId, afterTwoDaysWithinSeven);
        Assert.DoesNotContain(byStaff, afterTwoDaysWithinSeven);
    }

    [Fact]
    public async Task Scripts_and_cross_site_posts_are_refused_and_nothing_is_stored()
    {
        var anonymous = app.CreateAnonymousClient();
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations");

        // Sent at once after opening the form.
        var fast = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), await FormTokenAsync(anonymous, wait: false), Email()));
        Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:FormFilledTooFast", (await fast.Json()).Code());

        // Honeypot filled.
        var bot = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), await FormTokenAsync(anonymous), Email(), fax: "0210 3846 111"));
        Assert.Equal(HttpStatusCode.BadRequest, bot.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:SuspectedAutomatedSubmission", (await bot.Json()).Code());

        // No or forged form token.
        var forged = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), "CfDJ8forged", Email()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:FormTokenInvalid", (await forged.Json()).Code());

        // What a cross-site HTML form can send: not JSON → 415.
        var json = JsonSerializer.Serialize(Form(TestData.NewTaxCode(), await FormTokenAsync(anonymous), Email()), SmeSupportAppFactory.Json);
        var plain = await anonymous.PostAsync("/api/registrations", new StringContent(json, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        var urlEncoded = await anonymous.PostAsync("/api/registrations", new FormUrlEncodedContent(new Dictionary<string, string> { ["enterprise"] = "x" }));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, urlEncoded.StatusCode);

        // Field errors, prefixed by the part of the form; a wrong check digit in the tax code.
        var invalid = await anonymous.PostAsJsonAsync("/api/registrations", new
        {
            enterprise = TestData.Enterprise(TestData.WithWrongCheckDigit(TestData.NewTaxCode()), "<script>alert(1)</script>"),
            contact = new { fullName = "", email = "", mobile = "12" },
            formToken = await FormTokenAsync(anonymous),
        });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Json()).GetProperty("errors");
        foreach (var field in new[] { "enterprise.taxCode", "contact.fullName", "contact.email", "contact.mobile" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations"));
    }

    [Fact]
    public async Task Forged_and_expired_links_are_refused_clearly()
    {
        var anonymous = app.CreateAnonymousClient();
        var (id, token) = await SubmitAsync(anonymous, TestData.NewTaxCode(), Email());

        var altered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        var forged = await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token = altered });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConfirmationLinkInvalid", (await forged.Json()).Code());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token = "" })).StatusCode);

        // A genuine token whose signed time limit has passed.
        var nonce = await app.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<SmeSupport.Enterprises.Persistence.EnterprisesDb>().Registrations.Single(r => r.Id == id).ConfirmationNonce));
        var old = app.Services.GetRequiredService<RegistrationTokens>().CreateConfirmation(id, nonce, DateTimeOffset.UtcNow.AddMinutes(-1));
        var expired = await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token = old });
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConfirmationLinkExpired", (await expired.Json()).Code());

        // The e-mailed link after its 48 hours.
        app.Clock.Advance(TimeSpan.FromHours(49));
        var late = await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token });
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:ConfirmationLinkExpired", (await late.Json()).Code());
        Assert.Equal(0, app.Scalar($"SELECT COUNT(*) FROM EnterpriseRegistrations WHERE EmailConfirmedAt IS NOT NULL AND Id = '{id.ToString().ToUpperInvariant()}'"));
    }

    [Fact]
    public async Task Reject_emails_the_reason_and_a_similar_name_in_the_same_commune_is_flagged()
    {
        var admin = await app.CreateAdminClientAsync();
        var existing = await TestData.CreateEnterpriseAsync(admin, name: "Công ty Cổ phần Gốm Sứ Tân Hòa");
        var anonymous = app.CreateAnonymousClient();
        var email = Email();
        var (id, token) = await SubmitAsync(anonymous, TestData.NewTaxCode(), email, "Công ty TNHH Gốm sứ Tân Hoà");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token })).StatusCode);

        var officer = await app.CreateUserClientAsync(SmeSupportAppFactory.Roles.Officer);
        var read = await officer.GetFromJsonAsync<JsonElement>($"/api/registrations/{id}");
        Assert.Contains(read.GetProperty("possibleDuplicates").EnumerateArray(), d => d.GetProperty("id").GetGuid() == existing);

        var noReason = await officer.PostAsJsonAsync($"/api/registrations/{id}/reject", new { reason = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);

        var rejected = await officer.PostAsJsonAsync($"/api/registrations/{id}/reject", new { reason = "Trùng với doanh nghiệp đã có <b>MST</b>" });
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("Rejected", (await rejected.Json()).GetProperty("status").GetString());
        var mail = await MailToAsync(email, "not approved");
        Assert.Contains("Trùng với doanh nghiệp đã có <b>MST</b>", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;MST&lt;/b&gt;", mail.HtmlBody, StringComparison.Ordinal);

        var again = await officer.PostAsJsonAsync($"/api/registrations/{id}/reject", new { reason = "again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("SmeSupport:Enterprises:InvalidRegistrationState", (await again.Json()).Code());

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/registrations")).StatusCode);
    }

    [Fact]
    public async Task The_public_page_needs_its_antiforgery_token_and_registers_with_it()
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Register");
        var antiforgery = HiddenRegex("__RequestVerificationToken").Match(page).Groups[1].Value;
        var formToken = System.Net.WebUtility.HtmlDecode(HiddenRegex("Input.FormToken").Match(page).Groups[1].Value);
        Assert.NotEmpty(antiforgery);
        Assert.NotEmpty(formToken);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var taxCode = TestData.NewTaxCode();
        var fields = new Dictionary<string, string>
        {
            ["Input.FormToken"] = formToken, ["Input.TaxCode"] = taxCode, ["Input.Name"] = "Hợp tác xã <i>Chè</i> Thử",
            ["Input.LegalForm"] = "6", ["Input.WardCode"] = TestData.TanHoaWard.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ContactFullName"] = "Đinh Thị Giang", ["Input.ContactEmail"] = Email(), ["Input.ServiceConsent"] = "true",
        };
        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations");

        // Without the antiforgery token (what a cross-site form would send): 400, nothing stored.
        var forged = await client.PostAsync("/Register", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations"));

        fields["__RequestVerificationToken"] = antiforgery;
        var posted = await client.PostAsync("/Register", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("data-testid=\"register-success\"", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations"));
    }

    private static Regex HiddenRegex(string name) => new($"name=\"{Regex.Escape(name)}\"[^>]*value=\"([^\"]*)\"|value=\"([^\"]*)\"[^>]*name=\"{Regex.Escape(name)}\"");

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkRegex();
}

/// <summary>A factory (fake clock) whose registration submissions allow 2 and confirmations 4 per client per 10-minute window.</summary>
public class TightRateLimitAppFactory : SmeSupportAppFactory
{
    protected override bool UseFakeClock => true;

    protected override void ConfigureSettings(IDictionary<string, string?> settings)
    {
        settings["Registrations:RateLimitPermits"] = "2";
        settings["Registrations:ConfirmRateLimitPermits"] = "4";
    }
}

/// <summary>The same limit, a separate host (its own counters) for the page tests.</summary>
public sealed class TightRateLimitPagesAppFactory : TightRateLimitAppFactory;

/// <summary>Per-client rate limit on registration submissions through the API; viewing is never limited.</summary>
public sealed class RegistrationRateLimitTests(TightRateLimitAppFactory app) : IClassFixture<TightRateLimitAppFactory>
{
    [Fact]
    public async Task Only_submissions_count_and_the_third_in_the_window_gets_429_with_a_code_and_Retry_After()
    {
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 15; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/registrations/form-token")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Register")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Register/Confirm?token=abc")).StatusCode);
        }

        var before = app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
        // Confirmations have their own allowance: these do not use up the submissions'.
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations/confirm", new { token = "abc" })).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
        var third = await client.PostAsJsonAsync("/api/registrations", new { });
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        var thirdProblem = await third.Json();
        Assert.Equal("SmeSupport:Enterprises:TooManyRegistrationSubmissions", thirdProblem.Code());
        Assert.Equal("Có quá nhiều lần gửi đăng ký từ máy này; vui lòng thử lại sau 10 phút.", thirdProblem.GetProperty("detail").GetString());
        Assert.Equal("600", third.Headers.GetValues("Retry-After").Single());
        var thirdEn = await client.PostAsJsonAsync("/api/registrations?culture=en", new { });
        Assert.Equal((HttpStatusCode)429, thirdEn.StatusCode);
        Assert.Equal("Too many registration submissions from this client; try again in 10 minute(s).", (await thirdEn.Json()).GetProperty("detail").GetString());
        Assert.Equal("600", thirdEn.Headers.GetValues("Retry-After").Single());
        Assert.Equal(before, app.Scalar("SELECT COUNT(*) FROM EnterpriseRegistrations"));

        // Still viewable while limited; staff endpoints are not limited by it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Register")).StatusCode);
        var fifthConfirm = await client.PostAsJsonAsync("/api/registrations/confirm", new { token = "abc" });
        Assert.Equal((HttpStatusCode)429, fifthConfirm.StatusCode);
        var fifthProblem = await fifthConfirm.Json();
        Assert.Equal("SmeSupport:Enterprises:TooManyConfirmationAttempts", fifthProblem.Code());
        Assert.Equal("Có quá nhiều lần xác nhận từ máy này; vui lòng mở lại đường link sau 10 phút.", fifthProblem.GetProperty("detail").GetString());
        Assert.Equal("600", fifthConfirm.Headers.GetValues("Retry-After").Single());
        var sixthConfirm = await client.PostAsJsonAsync("/api/registrations/confirm?culture=en", new { token = "abc" });
        Assert.Equal((HttpStatusCode)429, sixthConfirm.StatusCode);
        Assert.Equal("Too many confirmation attempts from this client; try the link again in 10 minute(s).",
            (await sixthConfirm.Json()).GetProperty("detail").GetString());
        var admin = await app.CreateAdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/enterprises?pageSize=1")).StatusCode);

        // 4 minutes on the wait shrinks; after the window a submission is looked at again.
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var later = await client.PostAsJsonAsync("/api/registrations", new { });
        Assert.Equal("360", later.Headers.GetValues("Retry-After").Single());
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
    }
}

/// <summary>Per-client rate limit on the public pages: a refused submission shows the page again with a translated message.</summary>
public sealed partial class RegistrationPageRateLimitTests(TightRateLimitPagesAppFactory app) : IClassFixture<TightRateLimitPagesAppFactory>
{
    [Fact]
    public async Task A_limited_form_post_shows_the_form_again_as_typed_with_a_Vietnamese_message_and_the_confirm_page_too()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/Register");
        var antiforgery = Hidden().Match(page).Groups[1].Value;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery, ["Input.TaxCode"] = "0109998887", ["Input.Name"] = "",
        };
        for (var i = 0; i < 2; i++)
        {
            var refused = await client.PostAsync("/Register", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain("quá nhiều lần", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var limited = await client.PostAsync("/Register", new FormUrlEncodedContent(fields));
        Assert.Equal((HttpStatusCode)429, limited.StatusCode);
        Assert.StartsWith("text/html", limited.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Contains("Bạn đã gửi biểu mẫu quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 10 phút", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("value=\"0109998887\"", html, StringComparison.Ordinal);
        Assert.Equal("600", limited.Headers.GetValues("Retry-After").Single());

        // Opening the e-mailed link still works, and its button has its own allowance (4 here): the limited form does not
        // lock the person out of confirming; past that allowance, a message that fits the confirm page.
        var confirm = await client.GetStringAsync("/Register/Confirm?token=abc");
        Assert.Contains("data-testid=\"confirm-explanation\"", confirm, StringComparison.Ordinal);
        var confirmFields = new Dictionary<string, string> { ["__RequestVerificationToken"] = Hidden().Match(confirm).Groups[1].Value, ["Token"] = "abc" };
        for (var i = 0; i < 4; i++)
        {
            var refusedLink = await client.PostAsync("/Register/Confirm", new FormUrlEncodedContent(confirmFields));
            Assert.Equal(HttpStatusCode.OK, refusedLink.StatusCode);
            Assert.DoesNotContain("quá nhiều lần", System.Net.WebUtility.HtmlDecode(await refusedLink.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var confirmPost = await client.PostAsync("/Register/Confirm", new FormUrlEncodedContent(confirmFields));
        Assert.Equal((HttpStatusCode)429, confirmPost.StatusCode);
        var confirmHtml = System.Net.WebUtility.HtmlDecode(await confirmPost.Content.ReadAsStringAsync());
        Assert.Contains("Bạn đã bấm xác nhận quá nhiều lần. Vui lòng mở lại đường liên kết trong e-mail sau 10 phút; đăng ký của bạn vẫn được giữ.",
            confirmHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("biểu mẫu", confirmHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_sent_too_fast_is_refused_without_using_up_the_allowance()
    {
        // A fresh window before and after: the other test of this class shares the counters.
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        var client = app.CreateAnonymousClient();
        for (var i = 0; i < 5; i++)
        {
            var token = (await client.GetFromJsonAsync<JsonElement>("/api/registrations/form-token")).GetProperty("token").GetString();
            var fast = await client.PostAsJsonAsync("/api/registrations", new { formToken = token });
            Assert.Equal(HttpStatusCode.BadRequest, fast.StatusCode);
            Assert.Equal("SmeSupport:Enterprises:FormFilledTooFast", (await fast.Json()).Code());
        }

        // Two real attempts are still allowed (the limit is 2); the third is limited.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
        Assert.Equal((HttpStatusCode)429, (await client.PostAsJsonAsync("/api/registrations", new { })).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(11));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"")]
    private static partial Regex Hidden();
}
