using SmeSupport.Cases.Contracts;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Cases;

/// <summary>The Cases module.</summary>
public sealed class CasesModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Cases";

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(CasesPermissions.Default, "Read support cases", RoleNames.Officer),
        new(CasesPermissions.Manage, "Create, assign and work cases", RoleNames.Officer),
    ];
}
