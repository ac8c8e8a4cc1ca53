using SmeSupport.Identity.Tests.Support;
using SmeSupport.TestBase;

namespace SmeSupport.Identity.Tests.Api;

/// <summary>The sign-in page's client-side validation attributes carry no ASP.NET English templates.</summary>
public sealed class LoginPageValidationTests(SmeSupportAppFactory app) : IClassFixture<SmeSupportAppFactory>
{
    [Fact]
    public async Task The_remember_me_checkbox_has_no_implicit_required_rule_and_the_page_has_no_English_template()
    {
        var page = await HtmlForms.GetPageAsync(app.CreateAnonymousClient(), "/Account/Login");

        var remember = page.QuerySelector("input[type=checkbox][name='Input.RememberMe']");
        Assert.NotNull(remember);
        Assert.Null(remember!.GetAttribute("data-val-required"));
        Assert.DoesNotContain("field is required", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
