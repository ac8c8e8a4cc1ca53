using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using SmeSupport.Application;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Admin: the partners' access log, newest first, in words: the report's title, the action and reason names, the filters as "label: value".</summary>
[Authorize(Policy = ReportingPermissions.AccessLog)]
public sealed class AccessLogModel(IReportAccessLogAppService log, IReportAppService reports, IEnterpriseLookup enterprises,
    IStringLocalizer<ReportingResource> r, IStringLocalizer<WebUIResource> ui) : PageModel
{
    /// <summary>One entry as shown.</summary>
    /// <param name="Entry">The recorded entry.</param>
    /// <param name="Report">The report's title.</param>
    /// <param name="Action">The action's name.</param>
    /// <param name="Reason">The denial reason in words (with the refused names), or null.</param>
    /// <param name="Filters">The filters and columns as label and value.</param>
    public sealed record Row(ReportAccessLogEntryDto Entry, string Report, string Action, string? Reason, IReadOnlyList<(string Label, string Value)> Filters);

    /// <summary>The page of entries.</summary>
    public PagedResultDto<ReportAccessLogEntryDto> Entries { get; private set; } = new([], 0);

    /// <summary>The entries as shown.</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Page number (1-based).</summary>
    public int PageNumber { get; private set; } = 1;

    /// <summary>The outcome shown (<c>Allowed</c>, <c>Denied</c>), or null for all.</summary>
    public string? Outcome { get; private set; }

    /// <summary>Loads a page, optionally of one outcome (an unknown outcome shows all).</summary>
    public async Task OnGetAsync(int? p, string? outcome, CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, p ?? 1);
        Outcome = outcome is ReportAccessOutcomes.Allowed or ReportAccessOutcomes.Denied ? outcome : null;
        Entries = await log.GetListAsync(null, null, Outcome, PageNumber, 100, cancellationToken);
        var definitions = reports.GetDefinitions();
        var parsed = Entries.Items.Select(e => (Entry: e, Json: Parse(e.Filters))).ToList();
        var communes = parsed.SelectMany(x => Communes(x.Json)).Distinct().ToList();
        var wards = communes.Count == 0 ? new Dictionary<int, string>() : await enterprises.GetWardNamesAsync(communes, cancellationToken);
        Rows = parsed.Select(x => new Row(x.Entry, ReportPageHelpers.ReportTitle(definitions, x.Entry.ReportKey), Named("AccessLog.Action." + x.Entry.Action, x.Entry.Action),
            x.Entry.Reason is { } reason ? ReasonText(reason) : null, Describe(x.Json, x.Entry.Filters, x.Entry.ReportKey, definitions, wards))).ToList();
    }

    private string Named(string key, string fallback)
    {
        var s = r[key];
        return s.ResourceNotFound ? fallback : s.Value;
    }

    /// <summary>"OutsideShare: size, columns" → the reason's name, then the refused filters and columns by their labels.</summary>
    private string ReasonText(string reason)
    {
        var at = reason.IndexOf(':', StringComparison.Ordinal);
        var code = at < 0 ? reason : reason[..at];
        var name = Named("AccessLog.Reason." + code, code);
        if (at < 0)
        {
            return name;
        }

        var fields = reason[(at + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return name + ": " + string.Join(", ", fields.Select(FieldLabel));
    }

    /// <summary>The label of a recorded field name (filter, columns, page, page size); an unknown name as it is.</summary>
    private string FieldLabel(string field) => field switch
    {
        "commune" => r["Reports.Commune"].Value,
        "cohort" => r["Reports.Cohort"].Value,
        "size" => r["Reports.Size"].Value,
        "legalForm" => r["Reports.LegalForm"].Value,
        "period" => r["Reports.Period"].Value,
        "columns" => r["Reports.Columns"].Value,
        _ => Named("AccessLog.Field." + field, field),
    };

    private static JsonElement? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Communes(JsonElement? json)
    {
        if (json is { } j && j.TryGetProperty("filters", out var f) && f.ValueKind == JsonValueKind.Object && f.TryGetProperty("commune", out var c))
        {
            if (c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n))
            {
                yield return n;
            }
            else if (c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                yield return m;
            }
        }
    }

    /// <summary>The filters (and columns, page, page size) of an entry as label and value; text that is no JSON object is shown as it is.</summary>
    private List<(string Label, string Value)> Describe(JsonElement? json, string raw, string reportKey, IReadOnlyList<ReportDefinitionDto> definitions,
        IReadOnlyDictionary<int, string> wards)
    {
        var list = new List<(string, string)>();
        if (json is not { } j)
        {
            if (!string.IsNullOrWhiteSpace(raw))
            {
                list.Add((r["Reports.Filters"].Value, raw));
            }

            return list;
        }

        static string? Text(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            _ => null,
        };

        if (j.TryGetProperty("filters", out var f) && f.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in f.EnumerateObject())
            {
                if (Text(p.Value) is not { Length: > 0 } v)
                {
                    continue;
                }

                switch (p.Name)
                {
                    case "commune":
                        var name = int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && wards.TryGetValue(code, out var w) ? $"{w} ({v})" : v;
                        list.Add((r["Reports.Commune"].Value, name));
                        break;
                    case "cohort":
                        list.Add((r["Reports.Cohort"].Value, v));
                        break;
                    case "size":
                        list.Add((r["Reports.Size"].Value, Enum.TryParse<EnterpriseSize>(v, out var s) && Enum.IsDefined(s) ? ui[$"Size.{s}"].Value : v));
                        break;
                    case "legalForm":
                        list.Add((r["Reports.LegalForm"].Value, Enum.TryParse<LegalForm>(v, out var l) && Enum.IsDefined(l) ? ui[$"LegalForm.{l}"].Value : v));
                        break;
                    case "period":
                        list.Add((r["Reports.Period"].Value, v));
                        break;
                    default:
                        list.Add((p.Name, v));
                        break;
                }
            }
        }

        if (j.TryGetProperty("columns", out var c))
        {
            var keys = c.ValueKind switch
            {
                JsonValueKind.Array => c.EnumerateArray().Select(Text).OfType<string>().ToList(),
                JsonValueKind.String => (c.GetString() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                _ => [],
            };
            if (keys.Count > 0)
            {
                list.Add((r["Reports.Columns"].Value, string.Join(", ", ReportPageHelpers.ColumnLabels(definitions, reportKey, keys))));
            }
        }

        foreach (var (prop, label) in new[] { ("page", "AccessLog.Page"), ("pageSize", "AccessLog.PageSize") })
        {
            if (j.TryGetProperty(prop, out var v) && Text(v) is { Length: > 0 } t)
            {
                list.Add((r[label].Value, t));
            }
        }

        return list;
    }
}
