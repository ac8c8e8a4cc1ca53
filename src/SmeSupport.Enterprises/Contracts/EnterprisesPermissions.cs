namespace SmeSupport.Enterprises.Contracts;

/// <summary>Permission names of the Enterprises module.</summary>
public static class EnterprisesPermissions
{
    /// <summary>Read the registry.</summary>
    public const string Default = "SmeSupport.Enterprises";

    /// <summary>Create enterprises.</summary>
    public const string Create = "SmeSupport.Enterprises.Create";

    /// <summary>Edit enterprises (profile, contacts, consents, cohorts, assessments).</summary>
    public const string Update = "SmeSupport.Enterprises.Update";

    /// <summary>Delete (soft) and restore enterprises.</summary>
    public const string Delete = "SmeSupport.Enterprises.Delete";

    /// <summary>An EnterpriseUser reading and editing its own enterprise only.</summary>
    public const string OwnEnterprise = "SmeSupport.Enterprises.Own";

    /// <summary>Review self-registrations: see the queue, approve, reject.</summary>
    public const string Registrations = "SmeSupport.Enterprises.Registrations";

    /// <summary>Import enterprises from files (dry run, import, revert) and see the import history.</summary>
    public const string Import = "SmeSupport.Enterprises.Import";
}
