using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Modularity;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Outreach;

/// <summary>The Outreach module: templates, segments, campaigns and their delivery.</summary>
public sealed class OutreachModule : ModuleBase
{
    /// <inheritdoc />
    public override string Name => "Outreach";

    /// <inheritdoc />
    public override IEnumerable<PermissionDefinition> Permissions =>
    [
        new(OutreachPermissions.Default, "Read campaigns and their figures", RoleNames.Officer),
        new(OutreachPermissions.Manage, "Create, schedule and send campaigns", RoleNames.Officer),
    ];
}
