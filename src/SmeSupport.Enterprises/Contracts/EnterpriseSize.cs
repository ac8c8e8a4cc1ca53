namespace SmeSupport.Enterprises.Contracts;

/// <summary>Size class (Decree 80/2021/NĐ-CP, Art. 5).</summary>
public enum EnterpriseSize
{
    /// <summary>Micro.</summary>
    Micro,

    /// <summary>Small.</summary>
    Small,

    /// <summary>Medium.</summary>
    Medium,

    /// <summary>Large (above medium).</summary>
    Large,
}

/// <summary>Sector group used by the size thresholds.</summary>
public enum SectorGroup
{
    /// <summary>Agriculture, forestry, fisheries; industry and construction (VSIC sections A–F).</summary>
    AgricultureIndustryConstruction,

    /// <summary>Trade and services (VSIC sections G–U).</summary>
    TradeServices,
}
