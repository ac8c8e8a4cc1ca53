using SmeSupport.Cases.Contracts;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Reporting.Contracts;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Reporting.Application;

/// <summary>Computes the headline figures from each module's statistics contract.</summary>
internal sealed class DashboardAppService(
    IEnterpriseStatistics enterprises,
    IEInvoiceStatistics einvoices,
    ITrialStatistics trials,
    ICaseStatistics cases,
    IOutreachStatistics outreach) : IDashboardAppService
{
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
}
