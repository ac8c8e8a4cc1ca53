namespace SmeSupport.Enterprises.Contracts;

/// <summary>Error codes of the Enterprises module (Problem Details <c>code</c>).</summary>
public static class EnterprisesErrorCodes
{
    /// <summary>Another enterprise that is not deleted has the same canonical tax code (409).</summary>
    public const string DuplicateTaxCode = "SmeSupport:Enterprises:DuplicateTaxCode";

    /// <summary>
    /// The old (pre-1 July 2025) commune was split between several current communes/wards and none was chosen (409).
    /// The Problem Details carry <c>candidates</c>: <c>[{"code":…,"name":…}]</c>; send one as <c>wardCode</c>.
    /// </summary>
    public const string OldWardSplit = "SmeSupport:Enterprises:OldWardSplit";

    /// <summary>A pending self-registration already has this tax code (409).</summary>
    public const string DuplicatePendingRegistration = "SmeSupport:Enterprises:DuplicatePendingRegistration";

    /// <summary>The consent is already granted and not withdrawn (409).</summary>
    public const string ConsentAlreadyGranted = "SmeSupport:Enterprises:ConsentAlreadyGranted";

    /// <summary>There is no granted, unwithdrawn consent for the purpose to withdraw (409).</summary>
    public const string ConsentNotGranted = "SmeSupport:Enterprises:ConsentNotGranted";

    /// <summary>The enterprise is not deleted, so there is nothing to restore (409).</summary>
    public const string NotDeleted = "SmeSupport:Enterprises:NotDeleted";

    /// <summary>The enterprise is already in the cohort (409).</summary>
    public const string AlreadyInCohort = "SmeSupport:Enterprises:AlreadyInCohort";

    /// <summary>The confirmation link was not made by this site, or was altered (400).</summary>
    public const string ConfirmationLinkInvalid = "SmeSupport:Enterprises:ConfirmationLinkInvalid";

    /// <summary>The confirmation link has expired; register again (410).</summary>
    public const string ConfirmationLinkExpired = "SmeSupport:Enterprises:ConfirmationLinkExpired";

    /// <summary>The confirmation link was already used (409).</summary>
    public const string ConfirmationLinkUsed = "SmeSupport:Enterprises:ConfirmationLinkUsed";

    /// <summary>The registration form was sent too soon after it was opened, as a script would (400).</summary>
    public const string FormFilledTooFast = "SmeSupport:Enterprises:FormFilledTooFast";

    /// <summary>The form token is missing, forged or too old (400).</summary>
    public const string FormTokenInvalid = "SmeSupport:Enterprises:FormTokenInvalid";

    /// <summary>The form token was already used for a stored registration (also when two submissions of one token race); reload the form (409).</summary>
    public const string FormTokenUsed = "SmeSupport:Enterprises:FormTokenUsed";

    /// <summary>The registration's contact e-mail already belongs to a user account (case-insensitive); sign in or use another address (409).</summary>
    public const string ContactEmailHasAccount = "SmeSupport:Enterprises:ContactEmailHasAccount";

    /// <summary>An enterprise user sent a value that differs from the stored one for a field only staff change (tax code, programme status) (400).</summary>
    public const string FieldNotChangeable = "SmeSupport:Enterprises:FieldNotChangeable";

    /// <summary>The file name's extension is not one the import reads (only <c>.csv</c> and <c>.xlsx</c>) (400).</summary>
    public const string ImportFileExtensionNotAccepted = "SmeSupport:Enterprises:ImportFileExtensionNotAccepted";

    /// <summary>A field hidden from people (honeypot) was filled in, as a script would (400).</summary>
    public const string SuspectedAutomatedSubmission = "SmeSupport:Enterprises:SuspectedAutomatedSubmission";

    /// <summary>429: too many registration submissions from this client; <c>Retry-After</c> says when to try again.</summary>
    public const string TooManyRegistrationSubmissions = "SmeSupport:Enterprises:TooManyRegistrationSubmissions";

    /// <summary>429: too many e-mail confirmation attempts from this client (its own allowance); <c>Retry-After</c> says when to try again.</summary>
    public const string TooManyConfirmationAttempts = "SmeSupport:Enterprises:TooManyConfirmationAttempts";

    /// <summary>The registration is not in a state that allows this step (409), e.g. approving before e-mail confirmation.</summary>
    public const string InvalidRegistrationState = "SmeSupport:Enterprises:InvalidRegistrationState";

    /// <summary>The import file cannot be read as what it claims to be (e.g. an .xlsx that is not a ZIP workbook, binary data as .csv) (400).</summary>
    public const string ImportFileUnreadable = "SmeSupport:Enterprises:ImportFileUnreadable";

    /// <summary>The import file is empty, has no header row, or no data rows (400).</summary>
    public const string ImportFileEmpty = "SmeSupport:Enterprises:ImportFileEmpty";

    /// <summary>The import file is larger than the limit <c>Enterprises:Import:MaxFileBytes</c> (413).</summary>
    public const string ImportFileTooLarge = "SmeSupport:Enterprises:ImportFileTooLarge";

    /// <summary>The import file has more data rows than one import takes (400).</summary>
    public const string ImportTooManyRows = "SmeSupport:Enterprises:ImportTooManyRows";

    /// <summary>Header cells that name no known column (400); <c>columns</c> lists them.</summary>
    public const string ImportUnknownColumns = "SmeSupport:Enterprises:ImportUnknownColumns";

    /// <summary>
    /// Header cells that name the same column more than once, e.g. 'Mã số thuế' and 'MST' (400, when no header is unknown);
    /// <c>duplicateColumns</c> lists, per column, every header naming it.
    /// </summary>
    public const string ImportDuplicateColumns = "SmeSupport:Enterprises:ImportDuplicateColumns";

    /// <summary>Required columns absent from the header (400); <c>columns</c> lists them.</summary>
    public const string ImportMissingColumns = "SmeSupport:Enterprises:ImportMissingColumns";

    /// <summary>The import cannot be reverted: not completed yet, failed, or already reverted (409).</summary>
    public const string ImportNotRevertible = "SmeSupport:Enterprises:ImportNotRevertible";

    /// <summary>Records the import wrote were changed (or deleted) afterwards; nothing is reverted (409); <c>rows</c> lists them.</summary>
    public const string ImportChangedSince = "SmeSupport:Enterprises:ImportChangedSince";
}
