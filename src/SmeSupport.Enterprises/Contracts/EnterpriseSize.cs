namespace SmeSupport.Enterprises.Contracts;

/// <summary>
/// Size class of an enterprise under Decree 80/2021/NĐ-CP, Art. 5 (guiding the Law on Support for SMEs).
/// It is derived from the enterprise's figures by <c>EnterpriseSizeClassifier</c>, never typed in.
/// </summary>
public enum EnterpriseSize
{
    /// <summary>Micro enterprise (doanh nghiệp siêu nhỏ).</summary>
    Micro,

    /// <summary>Small enterprise (doanh nghiệp nhỏ).</summary>
    Small,

    /// <summary>Medium enterprise (doanh nghiệp vừa).</summary>
    Medium,

    /// <summary>Above the medium limits: not an SME.</summary>
    Large,
}

/// <summary>
/// The two sector groups that have their own size limits in Decree 80/2021/NĐ-CP, Art. 5.
/// VSIC 2018 section A falls in the first group with sections B–F; sections G–U form the second.
/// </summary>
public enum SectorGroup
{
    /// <summary>Agriculture, forestry and fishery; industry and construction (nông nghiệp, lâm nghiệp, thủy sản; công nghiệp, xây dựng): VSIC sections A–F.</summary>
    AgricultureIndustryConstruction,

    /// <summary>Trade and services (thương mại, dịch vụ): VSIC sections G–U.</summary>
    TradeServices,
}
