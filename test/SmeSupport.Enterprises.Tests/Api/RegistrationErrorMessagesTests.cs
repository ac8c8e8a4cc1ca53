using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Enterprises.Application;
using SmeSupport.Enterprises.Tests.Support;

namespace SmeSupport.Enterprises.Tests.Api;

/// <summary>The registration refusals through the API: Vietnamese by default, English with <c>?culture=en</c>, word for word.</summary>
public sealed partial class RegistrationApiTests
{
    [Fact]
    public async Task A_form_token_sent_twice_is_refused_in_vietnamese_and_in_english()
    {
        var anonymous = app.CreateAnonymousClient();
        var token = await FormTokenAsync(anonymous);
        Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), token, Email()))).StatusCode);

        var vi = await anonymous.PostAsJsonAsync("/api/registrations", Form(TestData.NewTaxCode(), token, Email()));
        var en = await anonymous.PostAsJsonAsync("/api/registrations?culture=en", Form(TestData.NewTaxCode(), token, Email()));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (vi.StatusCode, en.StatusCode));
        var viProblem = await vi.Json();
        Assert.Equal("SmeSupport:Enterprises:FormTokenUsed", viProblem.Code());
        Assert.Equal("Biểu mẫu này đã được gửi một lần. Hãy tải lại trang đăng ký để gửi một đăng ký khác.", viProblem.GetProperty("detail").GetString());
        Assert.Equal("This form was already sent once. Reload the registration page to send another registration.",
            (await en.Json()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Forged_used_and_expired_links_are_refused_in_vietnamese_and_in_english()
    {
        var anonymous = app.CreateAnonymousClient();
        var (id, token) = await SubmitAsync(anonymous, TestData.NewTaxCode(), Email());

        async Task AssertDetailsAsync(object body, HttpStatusCode status, string code, string vi, string en)
        {
            var viResponse = await anonymous.PostAsJsonAsync("/api/registrations/confirm", body);
            var enResponse = await anonymous.PostAsJsonAsync("/api/registrations/confirm?culture=en", body);
            Assert.Equal((status, status), (viResponse.StatusCode, enResponse.StatusCode));
            var viProblem = await viResponse.Json();
            Assert.Equal(code, viProblem.Code());
            Assert.Equal(vi, viProblem.GetProperty("detail").GetString());
            Assert.Equal(en, (await enResponse.Json()).GetProperty("detail").GetString());
        }

        var altered = token[..^4] + (token[^4] == 'A' ? 'B' : 'A') + token[^3..];
        await AssertDetailsAsync(new { token = altered }, HttpStatusCode.BadRequest, "SmeSupport:Enterprises:ConfirmationLinkInvalid",
            "Đường link xác nhận không hợp lệ: link không do trang này cấp hoặc đã bị sửa đổi.",
            "This confirmation link is not valid: it was not issued by this site or it was altered.");

        var nonce = await app.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<SmeSupport.Enterprises.Persistence.EnterprisesDb>().Registrations.Single(r => r.Id == id).ConfirmationNonce));
        var old = app.Services.GetRequiredService<RegistrationTokens>().CreateConfirmation(id, nonce, DateTimeOffset.UtcNow.AddMinutes(-1));
        await AssertDetailsAsync(new { token = old }, HttpStatusCode.Gone, "SmeSupport:Enterprises:ConfirmationLinkExpired",
            "Đường link xác nhận đã hết hạn. Vui lòng đăng ký lại.", "This confirmation link has expired. Please register again.");

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/registrations/confirm", new { token })).StatusCode);
        await AssertDetailsAsync(new { token }, HttpStatusCode.Conflict, "SmeSupport:Enterprises:ConfirmationLinkUsed",
            "Đường link xác nhận đã được sử dụng: địa chỉ email đã được xác nhận.",
            "This confirmation link has already been used: the e-mail address is confirmed.");
    }
}
