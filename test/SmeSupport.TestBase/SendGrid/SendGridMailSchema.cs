using System.Globalization;
using System.Net.Mail;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit.Sdk;

namespace SmeSupport.TestBase.SendGrid;

/// <summary>
/// Checks a v3 mail-send request body against what SendGrid requires, as a test oracle for the SendGrid sender.
/// </summary>
/// <remarks>
/// <para>
/// The checks come from SendGrid's own OpenAPI description of the endpoint, <c>tsg_mail_v3.json</c> (Twilio, MIT;
/// embedded in this assembly with its LICENSE beside it in the source tree), walked as JSON Schema: property names
/// (an unknown property wherever the schema lists properties is an error, the top level included), <c>required</c>,
/// <c>type</c>, <c>enum</c>, <c>minLength</c>/<c>maxLength</c>, <c>minItems</c>/<c>maxItems</c>, <c>uniqueItems</c>,
/// <c>maxProperties</c>, <c>additionalProperties</c> and <c>format: email</c>. From the same file's descriptions:
/// the 10,000-byte limits of <c>substitutions</c> and <c>custom_args</c>, the 72-hour limit of <c>send_at</c> and
/// the headers that may not be overridden.
/// </para>
/// <para>
/// Rules the file does not state are hard-coded from the Mail Send reference
/// (https://www.twilio.com/docs/sendgrid/api-reference/mail-send/mail-send) and its limitations section:
/// <c>personalizations</c> and each <c>to</c> have at least one item; the subject is top-level or in every
/// personalization (unless <c>template_id</c>); <c>content</c> has at least one item unless <c>template_id</c>, with
/// <c>text/plain</c> then <c>text/html</c> first; at most 1,000 recipients over <c>to</c>, <c>cc</c> and <c>bcc</c> of
/// all personalizations; an address at most once per request, case-insensitively (DOMAIN.md); <c>custom_args</c> and
/// <c>headers</c> values are strings.
/// </para>
/// <para>
/// Errata applied to the file: it types the top-level <c>custom_args</c> as a string, but SendGrid (and the official
/// C# client) use an object of string values, as for <c>personalizations[].custom_args</c>.
/// </para>
/// </remarks>
public sealed class SendGridMailSchema
{
    /// <summary>Manifest name of the embedded OpenAPI file.</summary>
    public const string ResourceName = "SmeSupport.TestBase.SendGrid.tsg_mail_v3.json";

    /// <summary>At most 1,000 recipients (to + cc + bcc over all personalizations) per request (Mail Send limitations; not in the file).</summary>
    public const int MaxRecipients = 1000;

    private static readonly Lazy<SendGridMailSchema> Shared = new(Load);

    private readonly JsonObject _document;
    private readonly JsonObject _body;

    private SendGridMailSchema(JsonObject document)
    {
        _document = document;
        _body = (JsonObject)document["components"]!["requestBodies"]!["PostMailSend"]!["content"]!["application/json"]!["schema"]!;
        var properties = (JsonObject)_body["properties"]!;
        var personalization = (JsonObject)properties["personalizations"]!["items"]!;
        var personalizationProperties = (JsonObject)personalization["properties"]!;

        // Errata (see remarks): custom_args is an object of strings at both levels.
        properties["custom_args"] = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["type"] = "string" },
        };
        personalizationProperties["custom_args"]!["additionalProperties"] = new JsonObject { ["type"] = "string" };

        TopLevelProperties = properties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        PersonalizationProperties = personalizationProperties.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        MaxPersonalizations = (int)properties["personalizations"]!["maxItems"]!;
        MaxCategories = (int)properties["categories"]!["maxItems"]!;
        MaxSubstitutionBytes = BytesLimitIn(Description(personalizationProperties["substitutions"]!));
        MaxCustomArgsBytes = BytesLimitIn(Description(personalizationProperties["custom_args"]!));
        MaxSendAtAhead = TimeSpan.FromHours(HoursLimitIn(Description(personalizationProperties["send_at"]!)));
        ReservedHeaders = Regex.Matches(Description(properties["headers"]!).Split("following headers:")[1], "`([^`]+)`")
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (ReservedHeaders.Count == 0)
        {
            throw new InvalidOperationException("tsg_mail_v3.json no longer lists the reserved headers; review SendGridMailSchema.");
        }
    }

    /// <summary>The schema read from the embedded file (parsed once per test run).</summary>
    public static SendGridMailSchema Instance => Shared.Value;

    /// <summary>Property names the file allows at the top level of the request body.</summary>
    public IReadOnlySet<string> TopLevelProperties { get; }

    /// <summary>Property names the file allows in one personalization.</summary>
    public IReadOnlySet<string> PersonalizationProperties { get; }

    /// <summary><c>personalizations.maxItems</c> from the file (1,000).</summary>
    public int MaxPersonalizations { get; }

    /// <summary><c>categories.maxItems</c> from the file (10).</summary>
    public int MaxCategories { get; }

    /// <summary>Per-personalization substitutions limit in bytes, read from the file's description (10,000).</summary>
    public int MaxSubstitutionBytes { get; }

    /// <summary>Per-personalization custom_args limit in bytes, read from the file's description (10,000).</summary>
    public int MaxCustomArgsBytes { get; }

    /// <summary>How far ahead <c>send_at</c> may be, read from the file's description (72 hours).</summary>
    public TimeSpan MaxSendAtAhead { get; }

    /// <summary>Headers that may not be overridden, read from the file's description of <c>headers</c>.</summary>
    public IReadOnlySet<string> ReservedHeaders { get; }

    /// <summary>
    /// Returns every rule the request body breaks, each as <c>path: problem</c>; empty when the body is valid.
    /// </summary>
    /// <param name="requestBody">The JSON text sent to <c>POST /v3/mail/send</c>.</param>
    /// <param name="now">The instant <c>send_at</c> is judged against; default the current time.</param>
    public IReadOnlyList<string> Validate(string requestBody, DateTimeOffset? now = null)
    {
        var errors = new List<string>();
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(requestBody);
        }
        catch (JsonException ex)
        {
            return [$"$: not JSON ({ex.Message})"];
        }

        Walk(body, _body, "$", errors);
        if (body is JsonObject root)
        {
            CheckDocumentedRules(root, now ?? DateTimeOffset.UtcNow, errors);
        }

        return errors;
    }

    /// <summary>Fails the test, listing every broken rule, unless the body is valid.</summary>
    /// <param name="requestBody">The JSON text sent to <c>POST /v3/mail/send</c>.</param>
    /// <param name="now">The instant <c>send_at</c> is judged against; default the current time.</param>
    /// <exception cref="XunitException">The body breaks a rule.</exception>
    public void AssertValid(string requestBody, DateTimeOffset? now = null)
    {
        var errors = Validate(requestBody, now);
        if (errors.Count > 0)
        {
            throw new XunitException("The SendGrid mail-send body is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }
    }

    private static SendGridMailSchema Load()
    {
        using var stream = typeof(SendGridMailSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return new SendGridMailSchema((JsonObject)JsonNode.Parse(stream)!);
    }

    private static string Description(JsonNode schema) => (string?)schema["description"] ?? string.Empty;

    private static int BytesLimitIn(string description)
    {
        var m = Regex.Match(description, @"exceed ([\d,]+) bytes");
        return m.Success
            ? int.Parse(m.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("tsg_mail_v3.json no longer states a byte limit; review SendGridMailSchema.");
    }

    private static int HoursLimitIn(string description)
    {
        var m = Regex.Match(description, @"more than (\d+) hours in advance");
        return m.Success
            ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("tsg_mail_v3.json no longer states the send_at limit; review SendGridMailSchema.");
    }

    private JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"] is JsonValue reference && seen++ < 16)
        {
            var target = (JsonNode)_document;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/'))
            {
                target = target[part] ?? throw new InvalidOperationException($"Unresolvable $ref {reference}.");
            }

            // Keywords beside $ref (OpenAPI 3.1) still apply: merge them over the target.
            var merged = (JsonObject)target.DeepClone();
            foreach (var (key, value) in schema)
            {
                if (key != "$ref")
                {
                    merged[key] = value?.DeepClone();
                }
            }

            schema = merged;
        }

        return schema;
    }

    private void Walk(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        schema = Resolve(schema);
        var type = (string?)schema["type"];
        if (type is not null && !HasType(value, type))
        {
            errors.Add($"{path}: expected {type}, found {KindOf(value)}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                CheckString((string)v!, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
        }
    }

    private static void CheckString(string s, JsonObject schema, string path, List<string> errors)
    {
        var length = s.EnumerateRunes().Count();
        if (schema["minLength"] is JsonValue min && length < (int)min)
        {
            errors.Add($"{path}: shorter than {(int)min} characters");
        }

        if (schema["maxLength"] is JsonValue max && length > (int)max)
        {
            errors.Add($"{path}: longer than {(int)max} characters");
        }

        if ((string?)schema["format"] == "email" && !(MailAddress.TryCreate(s, out var a) && a.Address == s))
        {
            errors.Add($"{path}: not an e-mail address");
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string path, List<string> errors)
    {
        if (schema["minItems"] is JsonValue min && array.Count < (int)min)
        {
            errors.Add($"{path}: fewer than {(int)min} items");
        }

        if (schema["maxItems"] is JsonValue max && array.Count > (int)max)
        {
            errors.Add($"{path}: {array.Count} items, at most {(int)max} allowed");
        }

        if ((bool?)schema["uniqueItems"] == true)
        {
            var texts = array.Select(i => i?.ToJsonString()).ToList();
            if (texts.Distinct(StringComparer.Ordinal).Count() != texts.Count)
            {
                errors.Add($"{path}: items must be unique");
            }
        }

        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < array.Count; i++)
            {
                Walk(array[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> errors)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => (string)r!))
            {
                if (!obj.ContainsKey(name))
                {
                    errors.Add($"{path}.{name}: required");
                }
            }
        }

        if (schema["maxProperties"] is JsonValue maxProperties && obj.Count > (int)maxProperties)
        {
            errors.Add($"{path}: more than {(int)maxProperties} properties");
        }

        foreach (var (name, value) in obj)
        {
            if (properties?[name] is JsonObject propertySchema)
            {
                Walk(value, propertySchema, $"{path}.{name}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Walk(value, additional, $"{path}.{name}", errors);
            }
            else if (properties is not null)
            {
                errors.Add($"{path}.{name}: unknown property (not in tsg_mail_v3.json)");
            }
        }
    }

    private void CheckDocumentedRules(JsonObject root, DateTimeOffset now, List<string> errors)
    {
        var personalizations = root["personalizations"] as JsonArray ?? [];
        var hasTemplate = root["template_id"] is JsonValue t && !string.IsNullOrEmpty((string?)t);
        var hasTopSubject = root["subject"] is JsonValue s && !string.IsNullOrEmpty((string?)s);

        if (root.ContainsKey("personalizations") && personalizations.Count == 0)
        {
            errors.Add("$.personalizations: at least one personalization is required");
        }

        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var recipients = 0;
        for (var i = 0; i < personalizations.Count; i++)
        {
            if (personalizations[i] is not JsonObject p)
            {
                continue;
            }

            var path = $"$.personalizations[{i}]";
            if (p["to"] is JsonArray to && to.Count == 0)
            {
                errors.Add($"{path}.to: at least one recipient is required");
            }

            if (!hasTopSubject && !hasTemplate && (p["subject"] is not JsonValue ps || string.IsNullOrEmpty((string?)ps)))
            {
                errors.Add($"{path}.subject: required when there is no top-level subject (and no template_id)");
            }

            foreach (var field in new[] { "to", "cc", "bcc" })
            {
                if (p[field] is not JsonArray list)
                {
                    continue;
                }

                for (var j = 0; j < list.Count; j++)
                {
                    recipients++;
                    if (list[j]?["email"] is JsonValue e && e.GetValueKind() == JsonValueKind.String)
                    {
                        var address = ((string)e!).Trim();
                        var here = $"{path}.{field}[{j}]";
                        if (!seen.TryAdd(address, here))
                        {
                            errors.Add($"{here}: address already used at {seen[address]} (an address once per request)");
                        }
                    }
                }
            }

            CheckStringMap(p["headers"], $"{path}.headers", errors, checkReserved: true);
            CheckBytes(p["substitutions"], MaxSubstitutionBytes, $"{path}.substitutions", errors);
            CheckBytes(p["custom_args"], MaxCustomArgsBytes, $"{path}.custom_args", errors);
            CheckSendAt(p["send_at"], now, $"{path}.send_at", errors);
        }

        if (recipients > MaxRecipients)
        {
            errors.Add($"$.personalizations: {recipients} recipients, at most {MaxRecipients} per request");
        }

        if (!hasTopSubject && !hasTemplate && personalizations.Count == 0)
        {
            errors.Add("$.subject: required (top level or in every personalization)");
        }

        var content = root["content"] as JsonArray;
        if (!hasTemplate && (content is null || content.Count == 0))
        {
            errors.Add("$.content: at least one content item is required unless template_id is given");
        }

        if (content is not null)
        {
            var types = content.Select(c => ((string?)c?["type"])?.ToLowerInvariant()).ToList();
            var text = types.IndexOf("text/plain");
            var html = types.IndexOf("text/html");
            if (text > 0 || (html >= 0 && html != (text < 0 ? 0 : text + 1)))
            {
                errors.Add("$.content: text/plain and text/html must come first, in that order");
            }
        }

        CheckStringMap(root["headers"], "$.headers", errors, checkReserved: true);
        CheckBytes(root["custom_args"], MaxCustomArgsBytes, "$.custom_args", errors);
        CheckSendAt(root["send_at"], now, "$.send_at", errors);
    }

    private void CheckStringMap(JsonNode? node, string path, List<string> errors, bool checkReserved)
    {
        if (node is not JsonObject map)
        {
            return;
        }

        foreach (var (name, value) in map)
        {
            if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
            {
                errors.Add($"{path}.{name}: value must be a string");
            }

            if (checkReserved && ReservedHeaders.Contains(name))
            {
                errors.Add($"{path}.{name}: this header may not be overridden");
            }
        }
    }

    private static void CheckBytes(JsonNode? node, int limit, string path, List<string> errors)
    {
        if (node is not JsonObject map)
        {
            return;
        }

        var bytes = map.Sum(kv => Encoding.UTF8.GetByteCount(kv.Key)
            + (kv.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? Encoding.UTF8.GetByteCount((string)v!) : 0));
        if (bytes > limit)
        {
            errors.Add($"{path}: {bytes} bytes, at most {limit} allowed");
        }
    }

    private void CheckSendAt(JsonNode? node, DateTimeOffset now, string path, List<string> errors)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
        {
            var at = DateTimeOffset.FromUnixTimeSeconds((long)v);
            if (at > now + MaxSendAtAhead)
            {
                errors.Add($"{path}: more than {MaxSendAtAhead.TotalHours} hours ahead");
            }
        }
    }

    private static bool HasType(JsonNode? value, string type) => type switch
    {
        "object" => value is JsonObject,
        "array" => value is JsonArray,
        "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "integer" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number && n.TryGetValue<long>(out _),
        "number" => value is JsonValue d && d.GetValueKind() == JsonValueKind.Number,
        "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        _ => true,
    };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "unknown",
    };
}
