using Hangfire.Dashboard;
using SmeSupport.Identity.Contracts;
using SmeSupport.Security;

namespace SmeSupport.Host;

/// <summary>The Hangfire dashboard at <c>/hangfire</c> is for users with <see cref="IdentityPermissions.JobsDashboard"/> (Admin) only.</summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true
               && user.HasClaim(PermissionClaimTypes.Permission, IdentityPermissions.JobsDashboard);
    }
}
