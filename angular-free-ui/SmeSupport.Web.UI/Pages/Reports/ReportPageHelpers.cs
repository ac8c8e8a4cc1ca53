using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Web.UI.Pages.Reports;

/// <summary>Helpers shared by the report pages.</summary>
public static class ReportPageHelpers
{
    /// <summary>Filters a partner may choose: the period only.</summary>
    public static IReadOnlyList<string> PeriodOnly { get; } = [ReportFilterNames.Period];

    /// <summary>Filters of the dashboard.</summary>
    public static IReadOnlyList<string> DashboardFilters { get; } =
        [ReportFilterNames.Commune, ReportFilterNames.Cohort, ReportFilterNames.Size, ReportFilterNames.Period];

    /// <summary>The filters of the request's query string.</summary>
    public static ReportQueryDto FromQuery(IQueryCollection q) => new()
    {
        Commune = Value(q, "commune"), Cohort = Value(q, "cohort"), Size = Value(q, "size"), LegalForm = Value(q, "legalForm"), Period = Value(q, "period"),
        Page = Value(q, "page"),
    };

    /// <summary>The current request's query string with <c>page</c> set to <paramref name="page"/>.</summary>
    public static string WithPage(IQueryCollection q, int page)
    {
        var b = new QueryBuilder();
        foreach (var (k, v) in q.Where(kv => !string.Equals(kv.Key, "page", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (var one in v)
            {
                b.Add(k, one ?? "");
            }
        }

        b.Add("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return b.ToQueryString().Value ?? "";
    }

    /// <summary>The query string of the filters (for export links), starting with '?', or empty.</summary>
    public static string ToQueryString(ReportQueryDto q)
    {
        var b = new QueryBuilder();
        void Add(string k, string? v)
        {
            if (!string.IsNullOrWhiteSpace(v))
            {
                b.Add(k, v);
            }
        }

        Add("commune", q.Commune);
        Add("cohort", q.Cohort);
        Add("size", q.Size);
        Add("legalForm", q.LegalForm);
        Add("period", q.Period);
        return b.ToQueryString().Value ?? "";
    }

    /// <summary>A readable text of an error: its field messages, or its message.</summary>
    public static string Describe(SmeSupport.Errors.BusinessException ex) =>
        ex.Errors.Count > 0 ? string.Join(" ", ex.Errors.SelectMany(e => e.Value)) : ex.Message;

    /// <summary>
    /// The labels of <paramref name="columns"/> in report <paramref name="reportKey"/> (the current UI language's; a key the report does
    /// not have is shown as it is).
    /// </summary>
    public static IReadOnlyList<string> ColumnLabels(IReadOnlyList<ReportDefinitionDto> definitions, string reportKey, IEnumerable<string> columns)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var def = definitions.FirstOrDefault(d => d.Key == reportKey);
        return columns.Select(k => def?.Columns.FirstOrDefault(c => c.Key == k) is { } c ? (en ? c.TitleEn : c.TitleVi) : k).ToList();
    }

    /// <summary>The title of report <paramref name="reportKey"/> in the current UI language (the key when unknown).</summary>
    public static string ReportTitle(IReadOnlyList<ReportDefinitionDto> definitions, string reportKey)
    {
        var en = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return definitions.FirstOrDefault(d => d.Key == reportKey) is { } d ? (en ? d.TitleEn : d.TitleVi) : reportKey;
    }

    private static string? Value(IQueryCollection q, string key) => q.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.ToString() : null;
}
