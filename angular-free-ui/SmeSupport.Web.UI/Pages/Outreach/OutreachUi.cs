using System.Globalization;
using Microsoft.Extensions.Localization;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;

namespace SmeSupport.Web.UI.Pages.Outreach;

/// <summary>Helpers shared by the outreach pages: schedules as text, field errors, local date-time inputs.</summary>
public static class OutreachUi
{
    /// <summary>The field errors of a refusal (keys as the API names them, e.g. <c>cron</c>, <c>rules.wardCodes</c>).</summary>
    public static IReadOnlyDictionary<string, string[]> Fields(BusinessException exception) => exception.Errors;

    /// <summary>The value of an HTML <c>datetime-local</c> input for a UTC instant, in Vietnam time.</summary>
    public static string? LocalInput(DateTimeOffset? utc) =>
        utc is { } u ? SmeSupport.Timing.VietnamTime.ToLocal(u).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) : null;

    /// <summary>A UTC instant in Vietnam time, <c>dd/MM/yyyy HH:mm</c>.</summary>
    public static string Local(DateTimeOffset? utc) => utc is { } u ? SmeSupport.Timing.VietnamTime.FormatDateTime(u) : "—";

    /// <summary>Reads a <c>datetime-local</c> value (<c>yyyy-MM-ddTHH:mm</c>); null when empty or malformed.</summary>
    public static DateTime? ParseLocal(string? text) =>
        DateTime.TryParseExact(text?.Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    /// <summary>Bootstrap badge class of a campaign status.</summary>
    public static string StatusBadge(CampaignStatus status) => status switch
    {
        CampaignStatus.Scheduled => "text-bg-primary",
        CampaignStatus.Paused => "text-bg-warning",
        CampaignStatus.Completed => "text-bg-success",
        CampaignStatus.Cancelled => "text-bg-secondary",
        _ => "text-bg-light",
    };

    /// <summary>
    /// An enum value in the UI language, from the Outreach resources' key <c>Enum.{Type}.{Value}</c> (e.g.
    /// <c>Enum.ProgrammeStatus.Pilot</c>); the raw name only when the key is missing.
    /// </summary>
    public static string Text<T>(IStringLocalizer localizer, T value) where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["Enum." + typeof(T).Name + "." + value];
        return text.ResourceNotFound ? value.ToString() : text.Value;
    }

    /// <summary>Several enum values in the UI language, comma-separated.</summary>
    public static string Texts<T>(IStringLocalizer localizer, IEnumerable<T> values) where T : struct, Enum =>
        string.Join(", ", values.Select(v => Text(localizer, v)));

    /// <summary>
    /// A suppression's source (<c>one-click</c>, <c>link</c>, or a SendGrid event name such as <c>bounce</c>, <c>dropped</c>,
    /// <c>spamreport</c>) in the UI language (key <c>Source.{source}</c>); the raw source when unknown.
    /// </summary>
    public static string Source(IStringLocalizer localizer, string source)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["Source." + source];
        return text.ResourceNotFound ? source : text.Value;
    }

    /// <summary>
    /// A run's occurrence key in words: <c>once</c> (a one-off send), <c>cron:…Z</c> (a recurring occurrence) or
    /// <c>manual:…Z</c> (sent by hand), the instants in Vietnam time.
    /// </summary>
    public static string Occurrence(IStringLocalizer localizer, string key)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(key);
        if (key == CampaignStateMachine.OnceOccurrenceKey)
        {
            return localizer["Schedule.Kind.once"].Value;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && DateTimeOffset.TryParse(key[(colon + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            switch (key[..colon])
            {
                case "cron":
                    return localizer["Occurrence.Cron", Local(at)].Value;
                case "manual":
                    return localizer["Occurrence.Manual", Local(at)].Value;
            }
        }

        return key;
    }

    /// <summary>
    /// A segment's rules as lines "rule: values" in the UI language (no enum names, no JSON); one line saying there is no
    /// rule when none is set. Ward codes and the platform id are named through <paramref name="wardName"/> and
    /// <paramref name="platformName"/> when they know them.
    /// </summary>
    public static IReadOnlyList<string> Describe(IStringLocalizer localizer, SegmentRulesDto rules,
        Func<int, string?>? wardName = null, Func<Guid, string?>? platformName = null)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(rules);
        var lines = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                lines.Add(localizer[key].Value + ": " + value);
            }
        }

        string YesNo(bool? b) => b is null ? "" : localizer[b.Value ? "Common.Yes" : "Common.No"].Value;
        static string? Days(int? n) => n?.ToString(CultureInfo.InvariantCulture);
        Add("Rule.Cohorts", rules.Cohorts is { Count: > 0 } c ? string.Join(", ", c) : null);
        Add("Rule.Wards", rules.WardCodes is { Count: > 0 } w ? string.Join(", ", w.Select(x => wardName?.Invoke(x) ?? x.ToString(CultureInfo.InvariantCulture))) : null);
        Add("Rule.LegalForms", rules.LegalForms is { Count: > 0 } lf ? Texts(localizer, lf) : null);
        Add("Rule.Sizes", rules.Sizes is { Count: > 0 } sz ? Texts(localizer, sz) : null);
        Add("Rule.Industry", rules.IndustrySections is { Count: > 0 } ind ? string.Join(", ", ind) : null);
        Add("Rule.ProgrammeStatuses", rules.ProgrammeStatuses is { Count: > 0 } ps ? Texts(localizer, ps) : null);
        Add("Rule.EInvoiceSteps", rules.EInvoiceSteps is { Count: > 0 } es ? Texts(localizer, es) : null);
        Add("Rule.TrialStatuses", rules.TrialStatuses is { Count: > 0 } ts ? Texts(localizer, ts) : null);
        Add("Rule.Platform", rules.TrialPlatformId is { } p ? platformName?.Invoke(p) ?? p.ToString() : null);
        Add("Rule.TrialEnds", Days(rules.TrialEndsWithinDays));
        Add("Rule.TrialPastEnd", YesNo(rules.TrialPastEndWithoutOutcome));
        Add("Rule.ApprovedWithin", Days(rules.ApprovedWithinDays));
        Add("Rule.NoContact", Days(rules.NoContactForDays));
        Add("Rule.OpenCase", YesNo(rules.HasOpenCase));
        return lines.Count > 0 ? lines : [localizer["Segment.NoRule"].Value];
    }

    private static readonly Dictionary<string, string> RuleLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rules.cohorts"] = "Rule.Cohorts", ["rules.wardCodes"] = "Rule.Wards", ["rules.legalForms"] = "Rule.LegalForms",
        ["rules.sizes"] = "Rule.Sizes", ["rules.industrySections"] = "Rule.Industry", ["rules.programmeStatuses"] = "Rule.ProgrammeStatuses",
        ["rules.eInvoiceSteps"] = "Rule.EInvoiceSteps", ["rules.trialStatuses"] = "Rule.TrialStatuses", ["rules.trialPlatformId"] = "Rule.Platform",
        ["rules.trialEndsWithinDays"] = "Rule.TrialEnds", ["rules.trialPastEndWithoutOutcome"] = "Rule.TrialPastEnd",
        ["rules.approvedWithinDays"] = "Rule.ApprovedWithin", ["rules.noContactForDays"] = "Rule.NoContact", ["rules.hasOpenCase"] = "Rule.OpenCase",
        ["name"] = "Field.Name",
    };

    /// <summary>The label of a segment field error's key (<c>rules.sizes</c> → the size rule's label); the key itself when unknown.</summary>
    public static string RuleLabel(IStringLocalizer localizer, string field)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return RuleLabels.TryGetValue(field, out var key) ? localizer[key].Value : field;
    }
}
