using SmeSupport.Domain;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Trials.Domain;

/// <summary>A digital platform in the catalogue that enterprises can try. Catalogue entries are data, never code; a withdrawn one is made inactive, not deleted.</summary>
internal sealed class Platform : AuditedEntity
{
    public const int NameMaxLength = 150;
    public const int ProviderMaxLength = 100;
    public const int DescriptionMaxLength = 1000;

    public string Name { get; set; } = "";

    public string Provider { get; set; } = "";

    public PlatformCategory Category { get; set; }

    public TrialProgramme Programme { get; set; }

    public string? Description { get; set; }

    /// <summary>Days, 1–365.</summary>
    public int DefaultTrialDays { get; set; } = 30;

    /// <summary>VND per year, ≥ 0.</summary>
    public decimal PriceAfterTrialVnd { get; set; }

    public bool IsActive { get; set; } = true;
}
