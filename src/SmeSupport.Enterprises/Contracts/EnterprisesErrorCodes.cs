namespace SmeSupport.Enterprises.Contracts;

/// <summary>Error codes of the Enterprises module (Problem Details <c>code</c>).</summary>
public static class EnterprisesErrorCodes
{
    /// <summary>Another enterprise that is not deleted has the same canonical tax code (409).</summary>
    public const string DuplicateTaxCode = "SmeSupport:Enterprises:DuplicateTaxCode";
}
