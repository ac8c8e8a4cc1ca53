using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using SmeSupport.Data;
using SmeSupport.Identity.Domain;
using SmeSupport.Modularity;
using SmeSupport.Security;

namespace SmeSupport.Identity.Seeding;

/// <summary>
/// Seeds the four roles with their default permissions (each module's <see cref="PermissionDefinition.DefaultRoles"/>;
/// Admin gets all) and the admin user from <c>Seed:AdminEmail</c> / <c>Seed:AdminPassword</c>. In
/// Development with no password configured it generates one and prints it once, when it creates the
/// user. Adds only what is missing: permissions an admin removed from Officer stay removed, except
/// that Admin always holds every permission.
/// </summary>
internal sealed class IdentitySeedContributor(
    RoleManager<AppRole> roleManager,
    UserManager<AppUser> userManager,
    ModuleCatalog modules,
    TimeProvider clock,
    ILogger<IdentitySeedContributor> logger) : IDataSeedContributor
{
    public int Order => 200;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        var permissions = modules.Modules.SelectMany(m => m.Permissions).ToList();
        foreach (var roleName in RoleNames.All)
        {
            var role = await roleManager.FindByNameAsync(roleName);
            var created = false;
            if (role is null)
            {
                role = new AppRole(roleName);
                Check(await roleManager.CreateAsync(role), $"create role {roleName}");
                created = true;
            }

            var held = (await roleManager.GetClaimsAsync(role))
                .Where(c => c.Type == PermissionClaimTypes.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
            var wanted = roleName == RoleNames.Admin
                ? permissions
                : created ? permissions.Where(p => p.DefaultRoles.Contains(roleName)).ToList()
                : permissions.Where(p => p.DefaultRoles.Contains(roleName) && IsNewPermission(p, held)).ToList();
            foreach (var permission in wanted.Where(p => !held.Contains(p.Name)))
            {
                Check(await roleManager.AddClaimAsync(role, new Claim(PermissionClaimTypes.Permission, permission.Name)),
                    $"grant {permission.Name} to {roleName}");
            }
        }

        await SeedAdminAsync(context);
    }

    /// <summary>Grants a default permission to an existing role only when nothing in its module was granted before (a new module).</summary>
    private static bool IsNewPermission(PermissionDefinition permission, HashSet<string> held)
    {
        var module = string.Join('.', permission.Name.Split('.').Take(2));
        return !held.Any(h => h == module || h.StartsWith(module + ".", StringComparison.Ordinal));
    }

    private async Task SeedAdminAsync(DataSeedContext context)
    {
        var email = context.AdminEmail.Trim();
        var admin = await userManager.FindByEmailAsync(email);
        if (admin is not null)
        {
            if (!await userManager.IsInRoleAsync(admin, RoleNames.Admin))
            {
                Check(await userManager.AddToRoleAsync(admin, RoleNames.Admin), "add admin role");
            }

            return;
        }

        var password = context.AdminPassword;
        var generated = false;
        if (string.IsNullOrEmpty(password))
        {
            if (!context.IsDevelopment)
            {
                logger.LogWarning("No admin user was created: set Seed:AdminPassword (outside Development no password is generated).");
                return;
            }

            password = GeneratePassword();
            generated = true;
        }

        admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Quản trị viên",
            CreatedAt = clock.GetUtcNow(),
        };
        Check(await userManager.CreateAsync(admin, password), "create the admin user (check Seed:AdminPassword against the password rules)");
        Check(await userManager.AddToRoleAsync(admin, RoleNames.Admin), "add admin role");
        if (generated)
        {
            // Printed once, on creation; it is not stored anywhere in clear.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" Admin user created: {email}");
            Console.WriteLine($" Generated password: {password}");
            Console.WriteLine(" (shown once; set Seed:AdminPassword to choose your own)");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars) + "!7aA";
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding could not {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
