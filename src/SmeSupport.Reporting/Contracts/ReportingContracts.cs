namespace SmeSupport.Reporting.Contracts;

/// <summary>Permission names of the Reporting module.</summary>
public static class ReportingPermissions
{
    /// <summary>See the staff dashboard.</summary>
    public const string Dashboard = "SmeSupport.Reporting.Dashboard";
}

/// <summary>The programme's headline figures for the staff dashboard.</summary>
/// <param name="PilotEnterprises">Enterprises with programme status Pilot.</param>
/// <param name="TotalEnterprises">All enterprises in the registry (not deleted).</param>
/// <param name="IssuingEInvoices">Pilot-or-not enterprises that issue e-invoices (first invoice issued or regularly).</param>
/// <param name="IssuingEInvoicesShare">IssuingEInvoices / TotalEnterprises, 0–1 (0 when there are none).</param>
/// <param name="ActiveTrials">Trials with status Active.</param>
/// <param name="OpenCases">Cases not Resolved or Closed.</param>
/// <param name="EmailsSent">E-mails accepted for delivery, all time.</param>
public sealed record DashboardHeadlineDto(int PilotEnterprises, int TotalEnterprises, int IssuingEInvoices,
    double IssuingEInvoicesShare, int ActiveTrials, int OpenCases, int EmailsSent);

/// <summary>Dashboard figures.</summary>
public interface IDashboardAppService
{
    /// <summary>The headline figures, computed now.</summary>
    Task<DashboardHeadlineDto> GetHeadlineAsync(CancellationToken cancellationToken = default);
}
