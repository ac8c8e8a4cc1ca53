using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmeSupport.Emailing;
using SmeSupport.Outreach.Delivery;

namespace SmeSupport.Outreach.Tests.Delivery;

public sealed class EmailOptionsTests : IDisposable
{
    private readonly TempFolder _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    private IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true, // no appsettings or environment variables of this machine
            ContentRootPath = _contentRoot.Path,
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSmeSupportEmail(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task SendGrid_without_an_api_key_stops_start_up_naming_the_key()
    {
        using var host = BuildHost(new() { ["Email:Provider"] = "SendGrid", ["SendGrid:FromEmail"] = Senders.FromEmail });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("SendGrid:ApiKey is required when Email:Provider=SendGrid", failure, StringComparison.Ordinal);
        Assert.Contains("SendGrid:ApiKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendGrid_without_a_sender_stops_start_up_naming_the_key()
    {
        using var host = BuildHost(new() { ["Email:Provider"] = "sendgrid", ["SendGrid:ApiKey"] = Senders.ApiKey });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("SendGrid:FromEmail must be an e-mail address", Assert.Single(ex.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_provider_stops_start_up_naming_the_key()
    {
        using var host = BuildHost(new() { ["Email:Provider"] = "Smtp" });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Email:Provider must be 'SendGrid' or 'File'.", Assert.Single(ex.Failures));
    }

    [Fact]
    public async Task A_bad_host_and_time_out_are_both_reported()
    {
        using var host = BuildHost(new()
        {
            ["Email:Provider"] = "SendGrid",
            ["SendGrid:ApiKey"] = Senders.ApiKey,
            ["SendGrid:FromEmail"] = Senders.FromEmail,
            ["SendGrid:Host"] = "api.sendgrid.com",
            ["SendGrid:TimeoutSeconds"] = "0",
        });

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(2, ex.Failures.Count());
        Assert.Contains(ex.Failures, f => f.StartsWith("SendGrid:Host must be", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("SendGrid:TimeoutSeconds must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_configuration_the_file_outbox_under_the_content_root_is_used()
    {
        using var host = BuildHost([]);

        await host.StartAsync();
        var sender = Assert.IsType<FileOutboxEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        await host.StopAsync();

        Assert.Equal(Path.Combine(_contentRoot.Path, "App_Data", "outbox"), sender.OutboxFolder);
    }

    [Fact]
    public async Task The_file_outbox_needs_no_SendGrid_key()
    {
        using var host = BuildHost(new() { ["Email:Provider"] = "File", ["SendGrid:ApiKey"] = "" });

        await host.StartAsync();
        Assert.IsType<FileOutboxEmailSender>(host.Services.GetRequiredService<IEmailSender>());
        await host.StopAsync();
    }

    [Fact]
    public async Task A_complete_SendGrid_configuration_starts_and_selects_SendGrid_as_one_instance()
    {
        using var host = BuildHost(new()
        {
            ["Email:Provider"] = "SendGrid",
            ["SendGrid:ApiKey"] = Senders.ApiKey,
            ["SendGrid:FromEmail"] = Senders.FromEmail,
        });

        await host.StartAsync();
        var first = host.Services.GetRequiredService<IEmailSender>();
        var second = host.Services.GetRequiredService<IEmailSender>();
        await host.StopAsync();

        Assert.IsType<SendGridEmailSender>(first);
        Assert.Same(first, second);
    }
}
