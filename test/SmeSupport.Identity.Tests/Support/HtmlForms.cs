using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SmeSupport.Identity.Tests.Support;

/// <summary>
/// Reads and submits the Razor Pages' forms like a browser without JavaScript: GET the page (the
/// antiforgery cookie lands in the client's cookie container), read the form's fields with AngleSharp
/// (the antiforgery token is a hidden field), change some, POST them to the form's action.
/// </summary>
public static class HtmlForms
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Parses an HTML response body.</summary>
    public static async Task<IHtmlDocument> ReadHtmlAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>GETs <paramref name="url"/> (200 expected) and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadHtmlAsync(response);
    }

    /// <summary>The form matching <paramref name="selector"/>, or the form around the element it matches; fails when missing.</summary>
    public static IHtmlFormElement Form(IParentNode page, string selector) =>
        page.QuerySelector(selector) switch
        {
            IHtmlFormElement form => form,
            { } inner when inner.Closest("form") is IHtmlFormElement outer => outer,
            _ => throw new Xunit.Sdk.XunitException($"No form {selector} in the page:\n{(page as IHtmlDocument)?.Body?.TextContent}"),
        };

    /// <summary>
    /// Submits <paramref name="form"/> with its current field values (checked boxes only), replaced or added by
    /// <paramref name="values"/>; a key mapped to several values (e.g. role checkboxes) replaces all of that name.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlFormElement form, string pageUrl,
        IReadOnlyDictionary<string, string[]>? values = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            if (values?.ContainsKey(name) == true)
            {
                continue;
            }

            if (input is IHtmlInputElement { Type: "checkbox" or "radio" } box && !box.IsChecked)
            {
                continue;
            }

            fields.Add(new(name, input switch
            {
                IHtmlInputElement i => i.Value,
                IHtmlSelectElement s => s.Value ?? "",
                IHtmlTextAreaElement t => t.Value,
                _ => input.GetAttribute("value") ?? "",
            }));
        }

        foreach (var (name, list) in values ?? new Dictionary<string, string[]>())
        {
            fields.AddRange(list.Select(v => new KeyValuePair<string, string>(name, v)));
        }

        var action = form.GetAttribute("action");
        return client.PostAsync(string.IsNullOrEmpty(action) ? pageUrl : action, new FormUrlEncodedContent(fields));
    }

    /// <summary>The text of the element matching <paramref name="selector"/>, trimmed, or null when missing.</summary>
    public static string? Text(IParentNode page, string selector) => page.QuerySelector(selector)?.TextContent.Trim();
}
