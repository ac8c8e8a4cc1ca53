using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>An enterprise as reports see it: business attributes only (no contact, consent or case text).</summary>
internal sealed record EnterpriseFact(Guid Id, string TaxCode, string Name, int Ward, string WardName, EnterpriseSize Size, LegalForm LegalForm,
    string? Industry, ProgrammeStatus Status, string[] Cohorts, EInvoiceStep Step);

/// <summary>A trial as reports see it.</summary>
internal sealed record TrialFact(Guid EnterpriseId, string Platform, PlatformCategory Category, TrialStatus Status, TrialOutcome? Outcome, bool Started);

/// <summary>A case as reports see it (no subject, notes or contact); the breach flags come from the Cases module's own service-level computation.</summary>
internal sealed record CaseFact(Guid EnterpriseId, CaseType Type, CaseStatus Status, bool FirstResponseBreached, bool ResolutionBreached, bool FirstResponded = false)
{
    /// <summary>Not Resolved nor Closed.</summary>
    public bool Open => Status is not (CaseStatus.Resolved or CaseStatus.Closed);

    /// <summary>As the Cases module counts it: open, with the first response still missing past its due time or the resolution target exceeded.</summary>
    public bool Overdue => Open && ((!FirstResponded && FirstResponseBreached) || ResolutionBreached);

    /// <summary>First response decided (answered, or unanswered past the due time): true met, false missed; null undecided.</summary>
    public bool? FirstResponseMet => FirstResponded ? !FirstResponseBreached : FirstResponseBreached ? false : null;

    /// <summary>Resolution decided (closed, or open past the target): true met, false missed; null undecided.</summary>
    public bool? ResolutionMet => !Open ? !ResolutionBreached : ResolutionBreached ? false : null;
}

/// <summary>A campaign's counts in one month (Vietnam calendar, by the runs' start), from the Outreach module's run figures.</summary>
/// <param name="Name">Campaign name.</param>
/// <param name="Purpose">Purpose enum name (Service, Advertising).</param>
/// <param name="Month"><c>yyyy-MM</c>, or null in snapshots kept before months were recorded.</param>
/// <param name="Total">Messages of the runs (queued and suppressed).</param>
/// <param name="Sent">Accepted by the provider.</param>
/// <param name="Delivered">Reported delivered (SendGrid event webhook).</param>
/// <param name="Opened">Reported opened at least once.</param>
/// <param name="Failed">Refused for good.</param>
/// <param name="Skipped">Suppressed (no consent, opted out, duplicate).</param>
/// <param name="Pending">Waiting, being sent or held.</param>
internal sealed record CampaignFact(string Name, string Purpose, string? Month, int Total, int Sent, int Delivered, int Opened, int Failed, int Skipped, int Pending);

/// <summary>The facts a report is computed from: read live, or from a month-end snapshot.</summary>
internal sealed class ReportData
{
    public List<EnterpriseFact> Enterprises { get; set; } = [];

    public List<TrialFact> Trials { get; set; } = [];

    public List<CaseFact> Cases { get; set; } = [];

    public List<CampaignFact> Campaigns { get; set; } = [];
}

/// <summary>What a report needs loaded.</summary>
[Flags]
internal enum ReportSources
{
    Enterprises = 1,
    Steps = 2,
    Trials = 4,
    Cases = 8,
    Campaigns = 16,
}

/// <summary>A report: its public definition and how it is computed.</summary>
internal sealed record ReportDefinition(ReportDefinitionDto Dto, ReportSources Sources, Func<ReportData, ReportFilterDto, List<object?[]>> Compute)
{
    public string Key => Dto.Key;

    public int ColumnIndex(string key)
    {
        for (var i = 0; i < Dto.Columns.Count; i++)
        {
            if (Dto.Columns[i].Key == key)
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>The reports (figures as data: each with keyed columns, titles in Vietnamese and English, and allowed filters).</summary>
internal static class ReportCatalog
{
    private static readonly string[] EnterpriseFilters =
        [ReportFilterNames.Commune, ReportFilterNames.Cohort, ReportFilterNames.Size, ReportFilterNames.LegalForm, ReportFilterNames.Period];

    public static IReadOnlyList<ReportDefinition> All { get; } =
    [
        Adoption("einvoice-by-commune", "Áp dụng hóa đơn điện tử theo xã/phường", "E-invoice adoption by commune", "Xã/phường", "Commune",
            e => (e.Ward.ToString(System.Globalization.CultureInfo.InvariantCulture), e.WardName)),
        Adoption("einvoice-by-size", "Áp dụng hóa đơn điện tử theo quy mô", "E-invoice adoption by size", "Quy mô", "Size",
            e => (e.Size.ToString(), ReportLabels.Of(e.Size))),
        Adoption("einvoice-by-legal-form", "Áp dụng hóa đơn điện tử theo loại hình", "E-invoice adoption by legal form", "Loại hình", "Legal form",
            e => (e.LegalForm.ToString(), ReportLabels.Of(e.LegalForm))),
        Adoption("einvoice-by-industry", "Áp dụng hóa đơn điện tử theo ngành (VSIC)", "E-invoice adoption by industry (VSIC)", "Ngành", "Industry",
            e => (e.Industry ?? "", e.Industry is { Length: 1 } s && VsicSections.FindByCode(s[0]) is { } v ? $"{v.Code} – {(ReportLabels.English ? v.NameEn : v.NameVi)}" : "—")),
        new(new ReportDefinitionDto("einvoice-not-issuing", "Doanh nghiệp chưa xuất hóa đơn điện tử", "Enterprises not yet issuing e-invoices",
            [
                Text("taxCode", "Mã số thuế", "Tax code"), Text("name", "Tên doanh nghiệp", "Name"), Text("commune", "Xã/phường", "Commune"),
                Text("size", "Quy mô", "Size"), Text("legalForm", "Loại hình", "Legal form"), Text("industry", "Ngành", "Industry"),
                Text("step", "Bước hiện tại", "Current step"),
            ], EnterpriseFilters, null),
            ReportSources.Enterprises | ReportSources.Steps,
            (data, filter) => Select(data.Enterprises, filter).Where(e => e.Step < EInvoiceStep.FirstInvoiceIssued)
                .OrderBy(e => e.Ward).ThenBy(e => e.TaxCode, StringComparer.Ordinal)
                .Select(e => new object?[] { e.TaxCode, e.Name, e.WardName, ReportLabels.Of(e.Size), ReportLabels.Of(e.LegalForm), e.Industry ?? "", ReportLabels.Of(e.Step) })
                .ToList()),
        new(new ReportDefinitionDto("trial-conversion", "Chuyển đổi sau dùng thử theo nền tảng", "Trial conversion by platform",
            [
                Text("platform", "Nền tảng", "Platform"), Text("category", "Nhóm", "Category"), Number("trials", "Lượt dùng thử", "Trials"),
                Number("started", "Đã bắt đầu", "Started"), Number("completed", "Đã kết thúc", "Completed"), Number("adopted", "Tiếp tục sử dụng", "Adopted"),
                Number("conversionRate", "Tỷ lệ chuyển đổi", "Conversion rate"),
            ], EnterpriseFilters, "adopted"),
            ReportSources.Enterprises | ReportSources.Trials,
            (data, filter) =>
            {
                var ids = Select(data.Enterprises, filter).Select(e => e.Id).ToHashSet();
                return data.Trials.Where(t => ids.Contains(t.EnterpriseId))
                    .GroupBy(t => (t.Category, t.Platform))
                    .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.Platform, StringComparer.Ordinal)
                    .Select(g =>
                    {
                        var completed = g.Count(t => t.Status == TrialStatus.Completed);
                        var adopted = g.Count(t => t.Outcome == TrialOutcome.Adopted);
                        return new object?[] { g.Key.Platform, ReportLabels.Of(g.Key.Category), g.Count(), g.Count(t => t.Started), completed, adopted, RatioOrNull(adopted, completed) };
                    }).ToList();
            }),
        new(new ReportDefinitionDto("case-service-levels", "Mức độ dịch vụ hỗ trợ", "Case service levels",
            [
                Text("groupKey", "Mã", "Code"), Text("type", "Loại yêu cầu", "Case type"), Number("cases", "Số yêu cầu", "Cases"),
                Number("open", "Đang mở", "Open"), Number("overdue", "Quá hạn", "Overdue"), Number("resolved", "Đã giải quyết", "Resolved"),
                Number("firstResponseBreached", "Trễ phản hồi đầu", "First response late"), Number("resolutionBreached", "Trễ giải quyết", "Resolution late"),
                Number("firstResponseCompliance", "Tỷ lệ phản hồi đúng hạn", "First response on time"),
                Number("resolutionCompliance", "Tỷ lệ giải quyết đúng hạn", "Resolved on time"),
                Number("compliance", "Tỷ lệ đạt cả hai", "Both targets met"),
            ], EnterpriseFilters, "cases"),
            ReportSources.Enterprises | ReportSources.Cases,
            (data, filter) =>
            {
                // The same counting as the Cases module's figures (GET /api/cases/figures): compliance over the decided cases only.
                var ids = Select(data.Enterprises, filter).Select(e => e.Id).ToHashSet();
                return data.Cases.Where(c => ids.Contains(c.EnterpriseId)).GroupBy(c => c.Type).OrderBy(g => g.Key)
                    .Select(g =>
                    {
                        var met = g.Count(c => !c.FirstResponseBreached && !c.ResolutionBreached);
                        int firstMeasured = g.Count(c => c.FirstResponseMet is not null), firstMet = g.Count(c => c.FirstResponseMet == true);
                        int resMeasured = g.Count(c => c.ResolutionMet is not null), resMet = g.Count(c => c.ResolutionMet == true);
                        return new object?[]
                        {
                            g.Key.ToString(), ReportLabels.Of(g.Key), g.Count(), g.Count(c => c.Open), g.Count(c => c.Overdue), g.Count(c => !c.Open),
                            g.Count(c => c.FirstResponseBreached), g.Count(c => c.ResolutionBreached), RatioOrNull(firstMet, firstMeasured),
                            RatioOrNull(resMet, resMeasured), Ratio(met, g.Count()),
                        };
                    }).ToList();
            }),
        new(new ReportDefinitionDto("outreach-performance", "Hiệu quả truyền thông", "Outreach performance",
            [
                Text("campaign", "Chiến dịch", "Campaign"), Text("purpose", "Mục đích", "Purpose"), Text("month", "Tháng", "Month"),
                Number("messages", "Số thư", "Messages"), Number("sent", "Đã gửi", "Sent"), Number("delivered", "Đã đến hộp thư", "Delivered"),
                Number("opened", "Đã mở", "Opened"), Number("failed", "Thất bại", "Failed"), Number("skipped", "Bỏ qua", "Skipped"),
                Number("pending", "Đang chờ", "Pending"), Number("sentRate", "Tỷ lệ gửi được", "Sent rate"),
                Number("deliveredRate", "Tỷ lệ đến hộp thư", "Delivered rate"), Number("openRate", "Tỷ lệ mở", "Open rate"),
            ], [ReportFilterNames.Period], "sent"),
            ReportSources.Campaigns,
            (data, _) => data.Campaigns.OrderBy(c => c.Name, StringComparer.Ordinal).ThenByDescending(c => c.Month, StringComparer.Ordinal)
                .Select(c => new object?[]
                {
                    c.Name, ReportLabels.Of("CampaignPurpose." + c.Purpose), c.Month is null ? "—" : ReportLabels.Month(c.Month), c.Total, c.Sent, c.Delivered,
                    c.Opened, c.Failed, c.Skipped, c.Pending, RatioOrNull(c.Sent, c.Total - c.Skipped), RatioOrNull(c.Delivered, c.Sent),
                    RatioOrNull(c.Opened, c.Delivered),
                })
                .ToList()),
    ];

    public static ReportDefinition? Find(string? key) => All.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.Ordinal));

    /// <summary>Enterprises matching the enterprise filters (period is handled by the data source).</summary>
    public static IEnumerable<EnterpriseFact> Select(IEnumerable<EnterpriseFact> all, ReportFilterDto filter)
    {
        var q = all;
        if (filter.Commune is { } ward)
        {
            q = q.Where(e => e.Ward == ward);
        }

        if (filter.Size is { } size)
        {
            q = q.Where(e => e.Size.ToString() == size);
        }

        if (filter.LegalForm is { } form)
        {
            q = q.Where(e => e.LegalForm.ToString() == form);
        }

        if (!string.IsNullOrWhiteSpace(filter.Cohort))
        {
            // Facts hold folded cohort names (as the Enterprises module compares them: diacritic-, case- and spacing-insensitive).
            var cohort = SmeSupport.Text.VietnameseText.Fold(filter.Cohort);
            q = q.Where(e => e.Cohorts.Any(c => string.Equals(c, cohort, StringComparison.Ordinal)));
        }

        return q;
    }

    private static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    /// <summary>part / whole rounded to 4 places, or null when nothing was measured (shown as "—", never as 0 %).</summary>
    private static double? RatioOrNull(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static ReportColumnDto Text(string key, string vi, string en) => new(key, vi, en, false);

    private static ReportColumnDto Number(string key, string vi, string en) => new(key, vi, en, true);

    private static ReportDefinition Adoption(string key, string titleVi, string titleEn, string groupVi, string groupEn,
        Func<EnterpriseFact, (string Key, string Label)> group) =>
        new(new ReportDefinitionDto(key, titleVi, titleEn,
            [
                Text("groupKey", "Mã", "Code"), Text("group", groupVi, groupEn), Number("enterprises", "Số doanh nghiệp", "Enterprises"),
                Number("registered", "Đã đăng ký", "Registered"), Number("accepted", "Được chấp nhận", "Accepted"),
                Number("issuing", "Đang xuất hóa đơn", "Issuing"), Number("notIssuing", "Chưa xuất hóa đơn", "Not issuing"),
                Number("issuingShare", "Tỷ lệ (mục tiêu 100%)", "Share (target 100%)"),
            ], EnterpriseFilters, "issuing"),
            ReportSources.Enterprises | ReportSources.Steps,
            (data, filter) =>
            {
                var counts = new Dictionary<string, (string Label, int N, int Reg, int Acc, int Iss)>(StringComparer.Ordinal);
                foreach (var e in Select(data.Enterprises, filter))
                {
                    var (k, label) = group(e);
                    var c = counts.TryGetValue(k, out var found) ? found : (Label: label, N: 0, Reg: 0, Acc: 0, Iss: 0);
                    counts[k] = (c.Label, c.N + 1, c.Reg + (e.Step >= EInvoiceStep.RegistrationSubmitted ? 1 : 0),
                        c.Acc + (e.Step >= EInvoiceStep.Accepted ? 1 : 0), c.Iss + (e.Step >= EInvoiceStep.FirstInvoiceIssued ? 1 : 0));
                }

                var rows = counts.OrderByDescending(kv => kv.Value.N).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                    .Select(kv => new object?[] { kv.Key, kv.Value.Label, kv.Value.N, kv.Value.Reg, kv.Value.Acc, kv.Value.Iss, kv.Value.N - kv.Value.Iss, Ratio(kv.Value.Iss, kv.Value.N) })
                    .ToList();
                int n = counts.Values.Sum(v => v.N), iss = counts.Values.Sum(v => v.Iss);
                rows.Add(["", "Tổng / Total", n, counts.Values.Sum(v => v.Reg), counts.Values.Sum(v => v.Acc), iss, n - iss, Ratio(iss, n)]);
                return rows;
            });
}
