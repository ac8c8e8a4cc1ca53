using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Identity.Contracts;
using SmeSupport.Identity.Domain;
using SmeSupport.Security;

namespace SmeSupport.Identity.Application;

/// <summary><see cref="IUserDirectory"/> over Identity's tables (users, user roles, role claims).</summary>
internal sealed class UserDirectory(DbContext db, TimeProvider clock) : IUserDirectory
{
    public async Task<IReadOnlyList<DirectoryUserDto>> ListWithPermissionAsync(string permission, CancellationToken cancellationToken = default)
    {
        var roleIds = db.Set<IdentityRoleClaim<Guid>>()
            .Where(c => c.ClaimType == PermissionClaimTypes.Permission && c.ClaimValue == permission).Select(c => c.RoleId);
        var userIds = db.Set<IdentityUserRole<Guid>>().Where(ur => roleIds.Contains(ur.RoleId)).Select(ur => ur.UserId);
        var users = await db.Set<AppUser>().AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.FullName, u.LockoutEnd }).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd <= now)
            .Select(u => new DirectoryUserDto(u.Id, u.Email ?? "", u.FullName))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<IReadOnlyDictionary<Guid, DirectoryUserDto>> GetManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, DirectoryUserDto>();
        }

        var list = ids.Distinct().ToList();
        return await db.Set<AppUser>().AsNoTracking().Where(u => list.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => new DirectoryUserDto(u.Id, u.Email ?? "", u.FullName), cancellationToken);
    }
}
