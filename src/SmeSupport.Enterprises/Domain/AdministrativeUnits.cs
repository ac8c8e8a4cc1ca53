namespace SmeSupport.Enterprises.Domain;

/// <summary>A province after 1 July 2025 (reference data).</summary>
internal sealed class Province
{
    public int Code { get; set; }

    public string Name { get; set; } = "";

    public string DivisionType { get; set; } = "";

    public string? PhoneCode { get; set; }
}

/// <summary>A commune, ward or special zone after 1 July 2025 (reference data).</summary>
internal sealed class Ward
{
    public int Code { get; set; }

    public string Name { get; set; } = "";

    public string NameSortKey { get; set; } = "";

    public string DivisionType { get; set; } = "";

    public int ProvinceCode { get; set; }
}

/// <summary>
/// One row of the official old→new conversion table: a pre-reform commune (with its old district
/// and province) merged, wholly or in part, into a new commune/ward. An old commune that split has
/// several rows.
/// </summary>
internal sealed class WardConversion
{
    public int Id { get; set; }

    public int NewProvinceCode { get; set; }

    public int NewWardCode { get; set; }

    public int OldWardCode { get; set; }

    public string OldWardName { get; set; } = "";

    public int OldDistrictCode { get; set; }

    public string OldDistrictName { get; set; } = "";

    public int OldProvinceCode { get; set; }

    public string OldProvinceName { get; set; } = "";

    /// <summary>Official remark, e.g. "Nhập toàn bộ" (merged whole), "Nhập một phần" (in part).</summary>
    public string? Note { get; set; }
}
