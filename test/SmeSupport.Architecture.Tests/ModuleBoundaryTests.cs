using System.Reflection;
using NetArchTest.Rules;

namespace SmeSupport.Architecture.Tests;

/// <summary>
/// Module boundaries (DESIGN.md): a module is internal by default; what another module may use is in
/// its <c>Contracts</c> namespace; no module references another module's internals, the EF Core
/// composition or the host.
/// </summary>
public sealed class ModuleBoundaryTests
{
    public static readonly string[] ModuleNames = ["Identity", "Enterprises", "Trials", "EInvoicing", "Cases", "Outreach", "Reporting"];

    /// <summary>Public types a module may expose outside Contracts, each with its reason.</summary>
    private static readonly Dictionary<string, string> AllowedPublic = new()
    {
        ["SmeSupport.Identity.Domain.AppUser"] = "Identity's stores are composed by the EF Core project and used by the UI's SignInManager",
        ["SmeSupport.Identity.Domain.AppRole"] = "as AppUser",
        ["SmeSupport.Identity.Application.AppUserClaimsPrincipalFactory"] = "registered by the host with AddClaimsPrincipalFactory",
        ["SmeSupport.Identity.Application.CurrentSecurityStampMiddleware"] = "the host adds it after UseAuthentication",
        ["SmeSupport.Enterprises.Domain.EnterpriseSizeClassifier"] = "a pure rule of Decree 80/2021 other modules and imports may apply",
        ["SmeSupport.Outreach.Delivery.EmailServiceCollectionExtensions"] = "the host registers the one IEmailSender",
    };

    public static TheoryData<string> Modules()
    {
        var data = new TheoryData<string>();
        foreach (var m in ModuleNames)
        {
            data.Add(m);
        }

        return data;
    }

    private static Assembly ModuleAssembly(string module) => Assembly.Load($"SmeSupport.{module}");

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_other_modules_only_through_their_contracts(string module)
    {
        var forbidden = ModuleNames.Where(m => m != module)
            .SelectMany(other => ModuleAssembly(other).GetTypes()
                .Where(t => t.Namespace is { } ns && !ns.StartsWith($"SmeSupport.{other}.Contracts", StringComparison.Ordinal))
                .Where(t => !t.Name.StartsWith('<'))
                .Select(t => t.FullName!))
            .ToArray();

        var result = Types.InAssembly(ModuleAssembly(module)).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        Assert.True(result.IsSuccessful,
            $"{module} uses internals of another module: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_does_not_reference_the_composition_or_the_host(string module)
    {
        var references = ModuleAssembly(module).GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("SmeSupport.EntityFrameworkCore", references);
        Assert.DoesNotContain("SmeSupport.Host", references);
        Assert.DoesNotContain("SmeSupport.Web.UI", references);
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_is_internal_but_for_its_contracts_and_module_class(string module)
    {
        var exposed = ModuleAssembly(module).GetExportedTypes()
            .Where(t => t.Namespace != $"SmeSupport.{module}.Contracts")
            .Where(t => !typeof(Modularity.IModule).IsAssignableFrom(t))
            .Where(t => !AllowedPublic.ContainsKey(t.FullName!))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(exposed.Count == 0, $"{module} exposes non-contract types: {string.Join(", ", exposed)}");
    }

    [Fact]
    public void Every_module_is_composed_by_the_host_in_dependency_order()
    {
        var catalog = EntityFrameworkCore.SmeSupportModules.Create();
        Assert.Equal(ModuleNames, catalog.Modules.Select(m => m.Name));
    }

    [Fact]
    public void Every_permission_is_named_after_its_module_and_declared_once()
    {
        var catalog = EntityFrameworkCore.SmeSupportModules.Create();
        var all = catalog.Modules.SelectMany(m => m.Permissions.Select(p => (Module: m.Name, p.Name))).ToList();
        Assert.Equal(all.Count, all.Select(p => p.Name).Distinct().Count());
        Assert.All(all, p => Assert.StartsWith($"SmeSupport.{p.Module}", p.Name, StringComparison.Ordinal));
    }
}
