using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Errors;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>Computes the dashboard from each module's contracts (live) and the month-end snapshots (trends).</summary>
internal sealed class DashboardAppService(
    IOutreachStatistics outreach,
    ReportEngine engine) : IDashboardAppService
{
    private static readonly ReportDefinition Scope = ReportCatalog.Find("case-service-levels")!;

    public async Task<DashboardHeadlineDto> GetHeadlineAsync(CancellationToken cancellationToken = default)
    {
        // One DbContext per request: queries run one after another, not in parallel. The enterprises (profiles and steps) and the cases'
        // facts are kept between requests until their tables change; trials and cases are counted against the live (not deleted)
        // enterprises here, in memory, instead of asking Trials and Cases to look up every enterprise id they hold (one query with
        // tens of thousands of parameters each, seconds over 100,000 enterprises).
        var facts = await engine.LoadLiveAsync(ReportSources.Enterprises | ReportSources.Steps | ReportSources.Trials | ReportSources.Cases,
            cancellationToken);
        var sent = await outreach.CountSentAsync(null, cancellationToken);

        var live = new HashSet<Guid>(facts.Enterprises.Count);
        foreach (var e in facts.Enterprises)
        {
            live.Add(e.Id);
        }

        var (pilot, issuing) = PilotIssuing(facts.Enterprises);
        return new DashboardHeadlineDto(
            PilotEnterprises: pilot,
            TotalEnterprises: facts.Enterprises.Count,
            IssuingEInvoices: issuing,
            IssuingEInvoicesShare: pilot == 0 ? 0 : Math.Round((double)issuing / pilot, 4),
            ActiveTrials: facts.Trials.Count(t => t.Status == TrialStatus.Active && live.Contains(t.EnterpriseId)),
            OpenCases: facts.Cases.Count(c => c.Status is not (CaseStatus.Resolved or CaseStatus.Closed) && live.Contains(c.EnterpriseId)),
            EmailsSent: sent);
    }

    /// <summary>Pilot enterprises (programme status Pilot) and, of them, those issuing e-invoices (first invoice issued or later).</summary>
    internal static (int Pilot, int Issuing) PilotIssuing(IEnumerable<EnterpriseFact> facts)
    {
        int pilot = 0, issuing = 0;
        foreach (var e in facts)
        {
            if (e.Status == ProgrammeStatus.Pilot)
            {
                pilot++;
                issuing += e.Step >= EInvoiceStep.FirstInvoiceIssued ? 1 : 0;
            }
        }

        return (pilot, issuing);
    }

    public async Task<DashboardDto> GetAsync(ReportQueryDto query, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (!string.IsNullOrWhiteSpace(query.LegalForm))
        {
            errors.Add(ReportFilterNames.LegalForm, ReportingText.Get("Field.DashboardFilters"));
        }

        var filter = await engine.ParseFiltersAsync(Scope, query with { LegalForm = null, Columns = null }, errors, cancellationToken);
        errors.ThrowIfAny();
        var current = engine.CurrentMonth();
        var period = filter.Period ?? current;
        if (string.CompareOrdinal(period, current) > 0)
        {
            throw new BusinessException(ReportingErrorCodes.FuturePeriod, $"The period {period} lies in the future.", 400,
                new Dictionary<string, string[]> { [ReportFilterNames.Period] = [ReportingText.Get("Field.FuturePeriod")] })
            {
                MessageArgs = [period],
            };
        }

        var data = period == current
            ? await engine.LoadLiveAsync(ReportSources.Enterprises | ReportSources.Steps | ReportSources.Trials | ReportSources.Cases | ReportSources.Campaigns, cancellationToken)
            : await engine.LoadSnapshotAsync(period, cancellationToken);

        // One pass over the selection: status counts, the pilot's funnel, and the ids for trials and cases.
        var n = 0;
        var byStatus = new int[4];
        var funnel = new int[5];
        var ids = new HashSet<Guid>();
        var issuingAll = 0;
        foreach (var e in ReportCatalog.Select(data.Enterprises, filter))
        {
            n++;
            ids.Add(e.Id);
            issuingAll += e.Step >= EInvoiceStep.FirstInvoiceIssued ? 1 : 0;
            if ((int)e.Status is >= 0 and < 4)
            {
                byStatus[(int)e.Status]++;
            }

            if (e.Status == ProgrammeStatus.Pilot)
            {
                funnel[0]++;
                funnel[1] += e.Step >= EInvoiceStep.RegistrationSubmitted ? 1 : 0;
                funnel[2] += e.Step >= EInvoiceStep.Accepted ? 1 : 0;
                funnel[3] += e.Step >= EInvoiceStep.FirstInvoiceIssued ? 1 : 0;
                funnel[4] += e.Step >= EInvoiceStep.IssuingRegularly ? 1 : 0;
            }
        }

        var selTrials = data.Trials.Where(t => ids.Contains(t.EnterpriseId)).ToList();
        var selCases = data.Cases.Where(c => ids.Contains(c.EnterpriseId)).ToList();
        var open = selCases.Where(c => c.Status is not (CaseStatus.Resolved or CaseStatus.Closed)).ToList();
        var met = selCases.Count(c => !c.FirstResponseBreached && !c.ResolutionBreached);
        string[] funnelKeys = ["Enterprises", "RegistrationSubmitted", "Accepted", "FirstInvoiceIssued", "IssuingRegularly"];
        var outreachMonths = data.Campaigns.Where(c => c.Month is not null).GroupBy(c => c.Month!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DashboardOutreachMonthDto(g.Key, g.Sum(c => c.Sent), g.Sum(c => c.Delivered), g.Sum(c => c.Opened))).ToList();

        var trend = await engine.TrendAsync(filter, 6, cancellationToken);
        return new DashboardDto(filter with { Period = period }, n,
            Enum.GetValues<ProgrammeStatus>().Select(s => ReportLabels.Point(s, byStatus[(int)s])).ToList(),
            funnel[0],
            funnelKeys.Select((k, i) => new DashboardPointDto(ReportLabels.Of("Funnel." + k), funnel[i], k)).ToList(),
            funnel[0] == 0 ? 0 : Math.Round((double)funnel[3] / funnel[0], 4),
            selTrials.GroupBy(t => t.Platform).OrderByDescending(g => g.Count()).Select(g => new DashboardPointDto(g.Key, g.Count(), g.Key)).ToList(),
            [
                ReportLabels.Point(TrialStatus.Planned, selTrials.Count(t => t.Status == TrialStatus.Planned)),
                ReportLabels.Point(TrialStatus.Active, selTrials.Count(t => t.Status == TrialStatus.Active)),
                ReportLabels.Point(TrialOutcome.Adopted, selTrials.Count(t => t.Outcome == TrialOutcome.Adopted)),
                ReportLabels.Point(TrialOutcome.NotAdopted, selTrials.Count(t => t.Outcome == TrialOutcome.NotAdopted)),
                ReportLabels.Point(TrialStatus.Cancelled, selTrials.Count(t => t.Status == TrialStatus.Cancelled)),
            ],
            open.Count, open.Count(c => c.ResolutionBreached), selCases.Count == 0 ? 1 : Math.Round((double)met / selCases.Count, 4),
            data.Campaigns.Sum(c => c.Sent), data.Campaigns.Sum(c => c.Failed), data.Campaigns.Sum(c => c.Delivered), data.Campaigns.Sum(c => c.Opened),
            outreachMonths,
            trend.Select(t => Month(t.Month, t.Issuing)).Append(Month(period, issuingAll)).DistinctBy(p => p.Key).ToList(),
            trend.Select(t => Month(t.Month, t.OpenCases)).Append(Month(period, open.Count)).DistinctBy(p => p.Key).ToList());
    }

    private static DashboardPointDto Month(string month, int value) => new(ReportLabels.Month(month), value, month);
}
