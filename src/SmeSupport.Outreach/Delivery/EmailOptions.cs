namespace SmeSupport.Outreach.Delivery;

/// <summary>
/// The <c>Email</c> configuration section: which sender the host uses and the file outbox's settings.
/// </summary>
internal sealed class EmailOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Email";

    /// <summary>Value of <c>Email:Provider</c> that selects <see cref="SendGridEmailSender"/>.</summary>
    public const string SendGridProvider = "SendGrid";

    /// <summary>Value of <c>Email:Provider</c> that selects <see cref="FileOutboxEmailSender"/> (the default).</summary>
    public const string FileProvider = "File";

    /// <summary>Default of <c>Email:OutboxPath</c>, relative to the content root.</summary>
    public const string DefaultOutboxPath = "App_Data/outbox";

    /// <summary>
    /// Default of <c>Email:FromEmail</c> for the file outbox. The <c>.invalid</c> top-level domain can never
    /// resolve (RFC 2606 §2), so a file written in development can never be mistaken for real mail.
    /// </summary>
    public const string DefaultFromEmail = "no-reply@smesupport.invalid";

    /// <summary><c>Email:Provider</c>: <c>SendGrid</c> or <c>File</c> (case-insensitive; default <c>File</c>).</summary>
    public string Provider { get; set; } = FileProvider;

    /// <summary><c>Email:OutboxPath</c>: folder of the file outbox, absolute or relative to the content root.</summary>
    public string OutboxPath { get; set; } = DefaultOutboxPath;

    /// <summary><c>Email:FromEmail</c>: sender address of the file outbox when a message has none.</summary>
    public string FromEmail { get; set; } = DefaultFromEmail;

    /// <summary><c>Email:FromName</c>: sender display name of the file outbox, or null.</summary>
    public string? FromName { get; set; }

    /// <summary>True when <see cref="Provider"/> names SendGrid.</summary>
    public bool UsesSendGrid => string.Equals(Provider?.Trim(), SendGridProvider, StringComparison.OrdinalIgnoreCase);

    /// <summary>True when <see cref="Provider"/> names the file outbox.</summary>
    public bool UsesFile => string.Equals(Provider?.Trim(), FileProvider, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The <c>SendGrid</c> configuration section, read when <c>Email:Provider=SendGrid</c>.
/// </summary>
internal sealed class SendGridOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "SendGrid";

    /// <summary>Default of <c>SendGrid:Host</c>: SendGrid's global API host.</summary>
    public const string DefaultHost = "https://api.sendgrid.com";

    /// <summary>Default of <c>SendGrid:TimeoutSeconds</c>.</summary>
    public const int DefaultTimeoutSeconds = 30;

    /// <summary><c>SendGrid:ApiKey</c>: API key with the Mail Send permission (a secret: environment or user secrets, never the repository).</summary>
    public string? ApiKey { get; set; }

    /// <summary><c>SendGrid:FromEmail</c>: sender address when a message has none; must be a verified sender in the SendGrid account.</summary>
    public string? FromEmail { get; set; }

    /// <summary><c>SendGrid:FromName</c>: sender display name, or null.</summary>
    public string? FromName { get; set; }

    /// <summary><c>SendGrid:Host</c>: API base address (absolute http or https URI); tests point it at a loopback stub.</summary>
    public string Host { get; set; } = DefaultHost;

    /// <summary><c>SendGrid:TimeoutSeconds</c>: how long one mail-send request may take, in seconds (1 to 300).</summary>
    public int TimeoutSeconds { get; set; } = DefaultTimeoutSeconds;
}
