using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace SmeSupport.Host;

/// <summary>
/// Turns the C# XML-doc markup that the OpenAPI XML-comment generator copies into summaries and descriptions into plain text:
/// <c>&lt;see cref="T:SmeSupport.X.Y"/&gt;</c> and a bare <c>T:SmeSupport.X.Y</c> become <c>Y</c>, a method reference
/// <c>M:X.Y.Run(System.Int32)</c> becomes <c>Run</c>, <c>&lt;see langword="null"/&gt;</c> becomes <c>null</c>,
/// <c>&lt;paramref name="x"/&gt;</c> becomes <c>x</c>, and <c>&lt;c&gt;</c>/<c>&lt;para&gt;</c> tags are dropped keeping their text.
/// Registered last, as a document transformer, over every <c>Summary</c> and <c>Description</c> of the document (paths,
/// operations, parameters, bodies, responses, component schemas and their properties).
/// </summary>
public sealed partial class OpenApiXmlDocCleanup : IOpenApiDocumentTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        Walk(document, new HashSet<object>(ReferenceEqualityComparer.Instance));
        return Task.CompletedTask;
    }

    /// <summary>The text with XML-doc references replaced by their short names and other doc tags removed; null stays null.</summary>
    public static string? Clean(string? text)
    {
        if (string.IsNullOrEmpty(text) || (text.IndexOf('<') < 0 && text.IndexOf(':') < 0))
        {
            return text;
        }

        var s = SeeWithText().Replace(text, m => m.Groups["text"].Value);
        s = SeeCref().Replace(s, m => ShortName(m.Groups["ref"].Value));
        s = NameAttribute().Replace(s, m => m.Groups["name"].Value);
        s = OtherTag().Replace(s, "");
        s = BareReference().Replace(s, m => ShortName(m.Value));
        return s;
    }

    /// <summary><c>T:A.B.C</c> → <c>C</c>; <c>M:A.B.Run(System.Int32)</c> → <c>Run</c>; <c>M:A.B.#ctor</c> → <c>B</c>; no prefix: the last segment.</summary>
    internal static string ShortName(string reference)
    {
        var r = reference.Length > 2 && reference[1] == ':' ? reference[2..] : reference;
        var paren = r.IndexOf('(');
        if (paren >= 0)
        {
            r = r[..paren];
        }

        var parts = r.Split('.');
        var last = parts[^1] == "#ctor" && parts.Length > 1 ? parts[^2] : parts[^1];
        var tick = last.IndexOf('`');
        return tick > 0 ? last[..tick] : last;
    }

    [GeneratedRegex("""<(?:see|seealso)\s+(?:cref|href|langword)\s*=\s*"[^"]*"\s*>(?<text>.*?)</(?:see|seealso)>""", RegexOptions.Singleline)]
    private static partial Regex SeeWithText();

    [GeneratedRegex("""<(?:see|seealso)\s+(?:cref|langword|href)\s*=\s*"(?<ref>[^"]*)"\s*/?>""")]
    private static partial Regex SeeCref();

    [GeneratedRegex("""<(?:paramref|typeparamref)\s+name\s*=\s*"(?<name>[^"]*)"\s*/?>""")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("""</?(?:c|code|para|b|i|em|strong|list|item|term|description|inheritdoc)\b[^>]*>""")]
    private static partial Regex OtherTag();

    [GeneratedRegex("""\b[TMPFEN]:(?:[A-Za-z_][\w`#]*\.)+[A-Za-z_#][\w`]*(?:\([^)]*\))?""")]
    private static partial Regex BareReference();

    private static void Walk(object? node, HashSet<object> seen)
    {
        if (node is null || node is string)
        {
            return;
        }

        if (node.GetType().IsValueType)
        {
            // The entries of a dictionary seen only as IEnumerable<KeyValuePair<,>>.
            if (node.GetType().IsGenericType && node.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
            {
                Walk(node.GetType().GetProperty("Value")!.GetValue(node), seen);
            }

            return;
        }

        if (!seen.Add(node))
        {
            return;
        }

        // A reference's description is its target's (cleaned where the target sits, under components); setting it here
        // would add an override next to the $ref.
        if (node.GetType().Name.Contains("Reference", StringComparison.Ordinal))
        {
            return;
        }

        if (node is IDictionary dictionary)
        {
            foreach (var value in dictionary.Values)
            {
                Walk(value, seen);
            }

            return;
        }

        if (node is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                Walk(item, seen);
            }

            return;
        }

        var type = node.GetType();
        if (type.Namespace?.StartsWith("Microsoft.OpenApi", StringComparison.Ordinal) != true)
        {
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            if (property.PropertyType == typeof(string))
            {
                if (property.Name is "Summary" or "Description" && property.CanWrite)
                {
                    var text = (string?)property.GetValue(node);
                    var clean = Clean(text);
                    if (!ReferenceEquals(text, clean) && clean != text)
                    {
                        property.SetValue(node, clean);
                    }
                }

                continue;
            }

            if (property.PropertyType.IsValueType || property.Name is "Extensions" or "Annotations" or "Metadata" or "Workspace" or "BaseUri")
            {
                continue;
            }

            object? value;
            try
            {
                value = property.GetValue(node);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            Walk(value, seen);
        }
    }
}
