using SmeSupport.Trials.Contracts;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Trials;

/// <summary>The Trials module.</summary>
public sealed class TrialsModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Trials";

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(TrialsPermissions.Default, "Read trials and the platform catalogue", RoleNames.Officer),
        new(TrialsPermissions.Manage, "Create and change trials", RoleNames.Officer),
        new(TrialsPermissions.ManageCatalogue, "Edit the platform catalogue"),
    ];
}
