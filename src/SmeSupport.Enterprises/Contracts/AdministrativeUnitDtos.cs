namespace SmeSupport.Enterprises.Contracts;

/// <summary>A province after the 1 July 2025 reform (34 provinces; Resolution 202/2025/QH15).</summary>
/// <param name="Code">Official code (1–2 digits; pad to 2 for display).</param>
/// <param name="Name">Name, e.g. "Tỉnh Phú Thọ".</param>
/// <param name="DivisionType">"tỉnh" or "thành phố trung ương".</param>
/// <param name="PhoneCode">Landline area code.</param>
public sealed record ProvinceDto(int Code, string Name, string DivisionType, string? PhoneCode);

/// <summary>A commune, ward or special zone after the reform (two-tier government, no districts).</summary>
/// <param name="Code">Official 5-digit code.</param>
/// <param name="Name">Name, e.g. "Phường Việt Trì".</param>
/// <param name="DivisionType">"xã", "phường" or "đặc khu".</param>
/// <param name="ProvinceCode">Province code.</param>
public sealed record WardDto(int Code, string Name, string DivisionType, int ProvinceCode);

/// <summary>Administrative-unit reference data.</summary>
public interface IAdministrativeUnitAppService
{
    /// <summary>The 34 provinces.</summary>
    Task<IReadOnlyList<ProvinceDto>> GetProvincesAsync(CancellationToken cancellationToken = default);

    /// <summary>Communes and wards of a province, in Vietnamese alphabetical order.</summary>
    Task<IReadOnlyList<WardDto>> GetWardsAsync(int provinceCode, CancellationToken cancellationToken = default);
}
