namespace SmeSupport.EInvoicing.Contracts;

/// <summary>Permission names of the EInvoicing module.</summary>
public static class EInvoicingPermissions
{
    /// <summary>Read e-invoice adoption.</summary>
    public const string Default = "SmeSupport.EInvoicing";

    /// <summary>Record adoption steps and reconcile with the tax office.</summary>
    public const string Manage = "SmeSupport.EInvoicing.Manage";

    /// <summary>An EnterpriseUser: its own enterprise's e-invoice status, and reporting a step for staff to confirm.</summary>
    public const string OwnAdoption = "SmeSupport.EInvoicing.Own";
}

/// <summary>
/// Steps of e-invoice adoption, in order (Decree 123/2020/NĐ-CP; Circular 78/2021/TT-BTC; registration on form 01/ĐKTĐ-HĐĐT).
/// </summary>
public enum EInvoiceStep
{
    /// <summary>Not registered with the tax office.</summary>
    NotRegistered = 0,

    /// <summary>Registration (form 01/ĐKTĐ-HĐĐT) submitted.</summary>
    RegistrationSubmitted = 1,

    /// <summary>The tax office refused the registration.</summary>
    Refused = 2,

    /// <summary>The tax office accepted the registration.</summary>
    Accepted = 3,

    /// <summary>The first invoice was issued.</summary>
    FirstInvoiceIssued = 4,

    /// <summary>Issuing every month.</summary>
    IssuingRegularly = 5,
}

/// <summary>Adoption figures other modules (Reporting) may read.</summary>
/// <param name="Tracked">Enterprises with an adoption record.</param>
/// <param name="ByStep">Enterprises by their current step.</param>
public sealed record EInvoiceAdoptionSummaryDto(int Tracked, IReadOnlyDictionary<EInvoiceStep, int> ByStep)
{
    /// <summary>Enterprises at FirstInvoiceIssued or IssuingRegularly.</summary>
    public int Issuing => ByStep.Where(kv => kv.Key >= EInvoiceStep.FirstInvoiceIssued).Sum(kv => kv.Value);
}

/// <summary>Adoption statistics.</summary>
public interface IEInvoiceStatistics
{
    /// <summary>Current step counts over enterprises that have an adoption record.</summary>
    Task<EInvoiceAdoptionSummaryDto> GetSummaryAsync(CancellationToken cancellationToken = default);
}
