namespace SmeSupport.Modularity;

/// <summary>
/// The ordered list of modules composed by the host. Registered as a singleton so that the
/// DbContext, the permission registry and the endpoint mapper see the same modules.
/// </summary>
public sealed class ModuleCatalog
{
    /// <summary>Creates the catalogue from modules in dependency order.</summary>
    public ModuleCatalog(IEnumerable<IModule> modules) => Modules = modules.ToList();

    /// <summary>The modules, in the order the host listed them.</summary>
    public IReadOnlyList<IModule> Modules { get; }
}
