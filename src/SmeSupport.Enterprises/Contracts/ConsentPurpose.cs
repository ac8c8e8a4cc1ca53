namespace SmeSupport.Enterprises.Contracts;

/// <summary>Purpose a contact consents to (Law 91/2025/QH15; Decree 91/2020/NĐ-CP for advertising).</summary>
public enum ConsentPurpose
{
    /// <summary>Service messages about the enterprise's own trials, cases and e-invoices.</summary>
    Service = 1,

    /// <summary>Programme and advertising messages (needs prior consent, Decree 91/2020/NĐ-CP).</summary>
    Advertising = 2,
}
