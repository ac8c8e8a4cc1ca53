using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmeSupport.Emailing;

namespace SmeSupport.Outreach.Delivery;

/// <summary>Registers the e-mail sender the host's configuration selects.</summary>
public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/> as a singleton: SendGrid when <c>Email:Provider</c> is <c>SendGrid</c>, the
    /// file outbox when it is <c>File</c> or missing. Options are validated when the host starts
    /// (<c>ValidateOnStart</c>); a bad setting stops start-up with an <see cref="OptionsValidationException"/> whose
    /// message names the configuration key.
    /// </summary>
    /// <remarks>
    /// Keys: <c>Email:Provider</c> (SendGrid | File, default File); <c>Email:OutboxPath</c> (default
    /// <c>App_Data/outbox</c>, relative to the content root); <c>Email:FromEmail</c> / <c>Email:FromName</c> (file
    /// outbox sender, default <c>no-reply@smesupport.invalid</c>); <c>SendGrid:ApiKey</c> (required with SendGrid);
    /// <c>SendGrid:FromEmail</c> (required with SendGrid, a verified sender) / <c>SendGrid:FromName</c>;
    /// <c>SendGrid:Host</c> (default <c>https://api.sendgrid.com</c>); <c>SendGrid:TimeoutSeconds</c> (1–300, default 30).
    /// Environment variables override them as usual (<c>SendGrid__ApiKey</c>). Also registers
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (root, not a section).</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddSmeSupportEmail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(o => o.UsesSendGrid || o.UsesFile,
                $"Email:Provider must be '{EmailOptions.SendGridProvider}' or '{EmailOptions.FileProvider}'.")
            .Validate(o => !o.UsesFile || !string.IsNullOrWhiteSpace(o.OutboxPath),
                "Email:OutboxPath must name a folder when Email:Provider=File.")
            .Validate(o => !o.UsesFile || EmailBatchRules.IsMailbox(o.FromEmail),
                "Email:FromEmail must be an e-mail address (RFC 5321 mailbox) when Email:Provider=File.")
            .ValidateOnStart();

        services.AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.SectionName))
            .Validate<IOptions<EmailOptions>>((o, email) => !UsesSendGrid(email) || !string.IsNullOrWhiteSpace(o.ApiKey),
                "SendGrid:ApiKey is required when Email:Provider=SendGrid (set it in user secrets or the SendGrid__ApiKey environment variable).")
            .Validate<IOptions<EmailOptions>>((o, email) => !UsesSendGrid(email) || EmailBatchRules.IsMailbox(o.FromEmail),
                "SendGrid:FromEmail must be an e-mail address (a verified sender of the SendGrid account) when Email:Provider=SendGrid.")
            .Validate<IOptions<EmailOptions>>((o, email) => !UsesSendGrid(email) || IsHttpUri(o.Host),
                "SendGrid:Host must be an absolute http or https address, e.g. https://api.sendgrid.com.")
            .Validate<IOptions<EmailOptions>>((o, email) => !UsesSendGrid(email) || o.TimeoutSeconds is >= 1 and <= 300,
                "SendGrid:TimeoutSeconds must be between 1 and 300.")
            .ValidateOnStart();

        // One HttpClient for the one SendGridClient: the pooled connections are recycled every two minutes (so DNS
        // changes are seen) and the factory never rotates the handler under the long-lived client.
        services.AddHttpClient(SendGridEmailSender.HttpClientName, (sp, http) =>
            {
                http.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SendGridOptions>>().Value.TimeoutSeconds);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<SendGridEmailSender>();
        services.TryAddSingleton(sp => new FileOutboxEmailSender(
            sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? Directory.GetCurrentDirectory(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<FileOutboxEmailSender>>()));
        services.TryAddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
            ? sp.GetRequiredService<SendGridEmailSender>()
            : sp.GetRequiredService<FileOutboxEmailSender>());
        return services;
    }

    /// <summary>
    /// Whether <c>Email:Provider</c> selects SendGrid. When the <c>Email</c> options are themselves invalid their own
    /// failure is reported, so the SendGrid checks stand aside instead of repeating it.
    /// </summary>
    private static bool UsesSendGrid(IOptions<EmailOptions> email)
    {
        try
        {
            return email.Value.UsesSendGrid;
        }
        catch (OptionsValidationException)
        {
            return false;
        }
    }

    private static bool IsHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
