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
    IEnterpriseStatistics enterprises,
    IEInvoiceStatistics einvoices,
    ITrialStatistics trials,
    ICaseStatistics cases,
    IOutreachStatistics outreach,
    ReportEngine engine) : IDashboardAppService
{
    private static readonly ReportDefinition Scope = ReportCatalog.Find("case-service-levels")!;

    public async Task<DashboardHeadlineDto> GetHeadlineAsync(CancellationToken cancellationToken = default)
    {
        // One DbContext per request: queries run one after another, not in parallel.
        var byStatus = await enterprises.CountByProgrammeStatusAsync(cancellationToken);
        var adoption = await einvoices.GetSummaryAsync(cancellationToken);
        var trialCounts = await trials.CountByStatusAsync(cancellationToken);
        var caseCounts = await cases.CountByStatusAsync(cancellationToken);
        var sent = await outreach.CountSentAsync(null, cancellationToken);

        var total = byStatus.Values.Sum();
        var pilot = byStatus.GetValueOrDefault(ProgrammeStatus.Pilot);
        var issuing = adoption.Issuing;
        return new DashboardHeadlineDto(
            PilotEnterprises: pilot,
            TotalEnterprises: total,
            IssuingEInvoices: issuing,
            IssuingEInvoicesShare: total == 0 ? 0 : Math.Round((double)issuing / total, 4),
            ActiveTrials: trialCounts.GetValueOrDefault(TrialStatus.Active),
            OpenCases: caseCounts.Where(kv => kv.Key is not (CaseStatus.Resolved or CaseStatus.Closed)).Sum(kv => kv.Value),
            EmailsSent: sent);
    }

    public async Task<DashboardDto> GetAsync(ReportQueryDto query, CancellationToken cancellationToken = default)
    {
        var errors = new FieldErrors();
        if (!string.IsNullOrWhiteSpace(query.LegalForm))
        {
            errors.Add(ReportFilterNames.LegalForm, "The dashboard filters by commune, cohort, size and period.");
        }

        var filter = engine.ParseFilters(Scope, query with { LegalForm = null, Columns = null }, errors);
        errors.ThrowIfAny();
        var current = engine.CurrentMonth();
        var period = filter.Period ?? current;
        if (string.CompareOrdinal(period, current) > 0)
        {
            throw new BusinessException(ReportingErrorCodes.FuturePeriod, $"The period {period} lies in the future.", 400,
                new Dictionary<string, string[]> { [ReportFilterNames.Period] = ["The period lies in the future."] });
        }

        var data = period == current
            ? await engine.LoadLiveAsync(ReportSources.Enterprises | ReportSources.Steps | ReportSources.Trials | ReportSources.Cases | ReportSources.Campaigns, cancellationToken)
            : await engine.LoadSnapshotAsync(period, cancellationToken);
        var selected = ReportCatalog.Select(data.Enterprises, filter).ToList();
        var ids = selected.Select(e => e.Id).ToHashSet();
        var n = selected.Count;
        int Reached(EInvoiceStep s) => selected.Count(e => e.Step >= s);
        var issuing = Reached(EInvoiceStep.FirstInvoiceIssued);
        var selTrials = data.Trials.Where(t => ids.Contains(t.EnterpriseId)).ToList();
        var selCases = data.Cases.Where(c => ids.Contains(c.EnterpriseId)).ToList();
        var open = selCases.Where(c => c.Status is not (CaseStatus.Resolved or CaseStatus.Closed)).ToList();
        var met = selCases.Count(c => !c.FirstResponseBreached && !c.ResolutionBreached);

        var trend = await engine.TrendAsync(filter, 6, cancellationToken);
        return new DashboardDto(filter with { Period = period }, n,
            Enum.GetValues<ProgrammeStatus>().Select(s => new DashboardPointDto(s.ToString(), selected.Count(e => e.Status == s))).ToList(),
            [
                new("Enterprises", n), new("RegistrationSubmitted", Reached(EInvoiceStep.RegistrationSubmitted)), new("Accepted", Reached(EInvoiceStep.Accepted)),
                new("FirstInvoiceIssued", issuing), new("IssuingRegularly", Reached(EInvoiceStep.IssuingRegularly)),
            ],
            n == 0 ? 0 : Math.Round((double)issuing / n, 4),
            selTrials.GroupBy(t => t.Platform).OrderByDescending(g => g.Count()).Select(g => new DashboardPointDto(g.Key, g.Count())).ToList(),
            [
                new("Planned", selTrials.Count(t => t.Status == TrialStatus.Planned)), new("Active", selTrials.Count(t => t.Status == TrialStatus.Active)),
                new("Adopted", selTrials.Count(t => t.Outcome == TrialOutcome.Adopted)), new("NotAdopted", selTrials.Count(t => t.Outcome == TrialOutcome.NotAdopted)),
                new("Cancelled", selTrials.Count(t => t.Status == TrialStatus.Cancelled)),
            ],
            open.Count, open.Count(c => c.ResolutionBreached), selCases.Count == 0 ? 1 : Math.Round((double)met / selCases.Count, 4),
            data.Campaigns.Sum(c => c.Sent), data.Campaigns.Sum(c => c.Failed),
            trend.Select(t => new DashboardPointDto(t.Month, t.Issuing)).Append(new DashboardPointDto(period, issuing)).DistinctBy(p => p.Label).ToList(),
            trend.Select(t => new DashboardPointDto(t.Month, t.OpenCases)).Append(new DashboardPointDto(period, open.Count)).DistinctBy(p => p.Label).ToList());
    }
}
