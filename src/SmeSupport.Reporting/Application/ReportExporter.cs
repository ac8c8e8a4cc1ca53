using System.Globalization;
using System.Text;
using MiniExcelLibs;
using SmeSupport.Reporting.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>Writes a computed report to XLSX (MiniExcel) or CSV. Only the result's columns are written: the caller has already restricted them.</summary>
internal static class ReportExporter
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>
    /// Writes the result: column titles in the request's language (Vietnamese by default, English second); machine-key columns
    /// (<see cref="ReportCodeColumns"/>) left out.
    /// </summary>
    public static ReportFileDto Export(ReportResultDto result, ReportFormat format)
    {
        var keep = Enumerable.Range(0, result.Columns.Count).Where(i => !ReportCodeColumns.IsMachineKey(result.Key, result.Columns[i].Key)).ToArray();
        if (keep.Length != result.Columns.Count)
        {
            result = result with
            {
                Columns = keep.Select(i => result.Columns[i]).ToList(),
                Rows = result.Rows.Select(r => (IReadOnlyList<object?>)keep.Select(i => r[i]).ToArray()).ToList(),
            };
        }

        var name = $"{result.Key}-{result.Period}";
        return format == ReportFormat.Csv
            ? new ReportFileDto(name + ".csv", "text/csv; charset=utf-8", Csv(result))
            : new ReportFileDto(name + ".xlsx", XlsxType, Xlsx(result));
    }

    /// <summary>
    /// Neutralises a text cell that a spreadsheet would read as a formula (OWASP "CSV injection"): one starting with
    /// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe.
    /// </summary>
    public static string Neutralise(string s) =>
        s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static byte[] Csv(ReportResultDto result)
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', result.Columns.Select(c => Quote(Neutralise(Title(c))))).Append("\r\n");
        foreach (var row in result.Rows)
        {
            sb.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Title(ReportColumnDto c) => ReportLabels.English ? c.TitleEn : c.TitleVi;

    private static string Cell(object? v) => v switch
    {
        null => "",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        _ => Quote(Neutralise(Convert.ToString(v, CultureInfo.InvariantCulture) ?? "")),
    };

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static byte[] Xlsx(ReportResultDto result)
    {
        var rows = new List<Dictionary<string, object?>>(result.Rows.Count);
        var titles = result.Columns.Select(Title).ToList();
        // Titles must be unique as sheet headers.
        for (var i = 0; i < titles.Count; i++)
        {
            if (titles.Take(i).Contains(titles[i]))
            {
                titles[i] += $" ({result.Columns[i].Key})";
            }
        }

        foreach (var r in result.Rows)
        {
            var d = new Dictionary<string, object?>(titles.Count);
            for (var i = 0; i < titles.Count; i++)
            {
                // The exact text: XLSX string cells are never evaluated, so no leading apostrophe (that is for CSV only).
                d[titles[i]] = r[i];
            }

            rows.Add(d);
        }

        if (rows.Count == 0)
        {
            rows.Add(titles.ToDictionary(t => t, _ => (object?)null));
        }

        using var ms = new MemoryStream();
        ms.SaveAs(rows, sheetName: "Report");
        return ms.ToArray();
    }
}
