using System.Text.Json.Nodes;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Delivery;

/// <summary>The oracle itself: the limits it reads from tsg_mail_v3.json and the faults it catches.</summary>
public sealed class SendGridMailSchemaTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 1, 30, 0, TimeSpan.Zero);
    private static readonly SendGridMailSchema Schema = SendGridMailSchema.Instance;

    private static JsonObject ValidBody() => new()
    {
        ["personalizations"] = new JsonArray(
            new JsonObject
            {
                ["to"] = new JsonArray(new JsonObject { ["email"] = "a@congty.vn" }),
                ["subject"] = "Thư mời",
                ["custom_args"] = new JsonObject { ["sme_message_id"] = "m-1" },
            }),
        ["from"] = new JsonObject { ["email"] = "chuyendoiso@sokhcn.phutho.gov.vn", ["name"] = "Sở KH&CN" },
        ["content"] = new JsonArray(
            new JsonObject { ["type"] = "text/plain", ["value"] = "Xin chào" },
            new JsonObject { ["type"] = "text/html", ["value"] = "<p>Xin chào</p>" }),
    };

    private static IReadOnlyList<string> Check(JsonObject body) => Schema.Validate(body.ToJsonString(), Now);

    [Fact]
    public void Limits_are_read_from_the_SendGrid_file()
    {
        Assert.Equal(1000, Schema.MaxPersonalizations);
        Assert.Equal(10, Schema.MaxCategories);
        Assert.Equal(10_000, Schema.MaxSubstitutionBytes);
        Assert.Equal(10_000, Schema.MaxCustomArgsBytes);
        Assert.Equal(TimeSpan.FromHours(72), Schema.MaxSendAtAhead);
        Assert.Contains("Subject", Schema.ReservedHeaders);
        Assert.Contains("dkim-signature", Schema.ReservedHeaders);
        Assert.Contains("personalizations", Schema.TopLevelProperties);
        Assert.Contains("substitutions", Schema.PersonalizationProperties);
    }

    [Fact]
    public void A_valid_body_passes() => Assert.Empty(Check(ValidBody()));

    [Fact]
    public void Unknown_top_level_property_is_an_error()
    {
        var body = ValidBody();
        body["recipients"] = "x";
        Assert.Equal(["$.recipients: unknown property (not in tsg_mail_v3.json)"], Check(body));
    }

    [Fact]
    public void Missing_from_and_empty_personalizations_are_errors()
    {
        var body = ValidBody();
        body.Remove("from");
        body["personalizations"] = new JsonArray();
        var errors = Check(body);
        Assert.Contains("$.from: required", errors);
        Assert.Contains("$.personalizations: at least one personalization is required", errors);
    }

    [Fact]
    public void Missing_to_or_subject_in_a_personalization_is_an_error()
    {
        var body = ValidBody();
        body["personalizations"]![0]!.AsObject().Remove("subject");
        body["personalizations"]!.AsArray().Add(new JsonObject { ["to"] = new JsonArray(), ["subject"] = "s" });
        var errors = Check(body);
        Assert.Contains("$.personalizations[0].subject: required when there is no top-level subject (and no template_id)", errors);
        Assert.Contains("$.personalizations[1].to: at least one recipient is required", errors);
    }

    [Fact]
    public void Content_is_required_unless_a_template_is_named()
    {
        var body = ValidBody();
        body.Remove("content");
        Assert.Contains("$.content: at least one content item is required unless template_id is given", Check(body));
        body["template_id"] = "d-123";
        Assert.Empty(Check(body));
    }

    [Fact]
    public void Html_before_text_is_an_error()
    {
        var body = ValidBody();
        var content = body["content"]!.AsArray();
        var text = content[0]!.DeepClone();
        content.RemoveAt(0);
        content.Add(text);
        Assert.Equal(["$.content: text/plain and text/html must come first, in that order"], Check(body));
    }

    [Fact]
    public void An_address_twice_in_a_request_is_an_error_whatever_its_case()
    {
        var body = ValidBody();
        body["personalizations"]![0]!["bcc"] = new JsonArray(new JsonObject { ["email"] = "A@CongTy.vn" });
        Assert.Equal(["$.personalizations[0].bcc[0]: address already used at $.personalizations[0].to[0] (an address once per request)"], Check(body));
    }

    [Fact]
    public void Over_1000_personalizations_or_recipients_are_errors()
    {
        var body = ValidBody();
        var list = new JsonArray();
        for (var i = 0; i < 1001; i++)
        {
            list.Add(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["email"] = $"r{i}@congty.vn" }), ["subject"] = "s" });
        }

        body["personalizations"] = list;
        var errors = Check(body);
        Assert.Contains("$.personalizations: 1001 items, at most 1000 allowed", errors);
        Assert.Contains("$.personalizations: 1001 recipients, at most 1000 per request", errors);
    }

    [Fact]
    public void Eleven_categories_are_an_error()
    {
        var body = ValidBody();
        body["categories"] = new JsonArray(Enumerable.Range(1, 11).Select(i => (JsonNode)JsonValue.Create($"c{i}")).ToArray());
        Assert.Equal(["$.categories: 11 items, at most 10 allowed"], Check(body));
    }

    [Fact]
    public void A_custom_arg_that_is_not_a_string_is_an_error()
    {
        var body = ValidBody();
        body["personalizations"]![0]!["custom_args"]!["enterprise_id"] = 42;
        body["custom_args"] = new JsonObject { ["batch"] = true };
        var errors = Check(body);
        Assert.Contains("$.personalizations[0].custom_args.enterprise_id: expected string, found number", errors);
        Assert.Contains("$.custom_args.batch: expected string, found true", errors);
    }

    [Fact]
    public void Send_at_more_than_72_hours_ahead_is_an_error()
    {
        var body = ValidBody();
        body["send_at"] = Now.AddHours(72).ToUnixTimeSeconds();
        Assert.Empty(Check(body));
        body["send_at"] = Now.AddHours(72).AddSeconds(1).ToUnixTimeSeconds();
        Assert.Equal(["$.send_at: more than 72 hours ahead"], Check(body));
    }

    [Fact]
    public void Substitutions_over_10000_bytes_are_an_error()
    {
        var body = ValidBody();
        // "đ" is 2 bytes in UTF-8: 4,995 of them plus the 6-byte tag is 9,996 bytes; 5,000 is 10,006.
        body["personalizations"]![0]!["substitutions"] = new JsonObject { ["-body-"] = new string('đ', 4995) };
        Assert.Empty(Check(body));
        body["personalizations"]![0]!["substitutions"] = new JsonObject { ["-body-"] = new string('đ', 5000) };
        Assert.Equal(["$.personalizations[0].substitutions: 10006 bytes, at most 10000 allowed"], Check(body));
    }

    [Fact]
    public void Overriding_a_reserved_header_and_a_bad_from_address_are_errors()
    {
        var body = ValidBody();
        body["personalizations"]![0]!["headers"] = new JsonObject { ["Subject"] = "x" };
        body["from"]!["email"] = "not an address";
        var errors = Check(body);
        Assert.Contains("$.personalizations[0].headers.Subject: this header may not be overridden", errors);
        Assert.Contains("$.from.email: not an e-mail address", errors);
    }
}
