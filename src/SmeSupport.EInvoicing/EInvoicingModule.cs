using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.EInvoicing;

/// <summary>The EInvoicing module.</summary>
public sealed class EInvoicingModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "EInvoicing";

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(EInvoicingPermissions.Default, "Read e-invoice adoption", RoleNames.Officer),
        new(EInvoicingPermissions.Manage, "Record adoption steps and reconcile with the tax office", RoleNames.Officer),
    ];
}
