using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SmeSupport.Emailing;
using SmeSupport.Outreach.Delivery;
using SmeSupport.TestBase.SendGrid;

namespace SmeSupport.Outreach.Tests.Delivery;

/// <summary>A folder of its own under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "smesupport-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class Senders
{
    public const string ApiKey = "SG.test-key-not-real";
    public const string FromEmail = "chuyendoiso@sokhcn.phutho.gov.vn";
    public const string FromName = "Sở Khoa học và Công nghệ Phú Thọ";

    public static ServiceProvider SendGrid(SendGridStubServer stub, int timeoutSeconds = 30, TimeProvider? clock = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Provider"] = "SendGrid",
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:FromEmail"] = FromEmail,
            ["SendGrid:FromName"] = FromName,
            ["SendGrid:Host"] = stub.Url,
            ["SendGrid:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return Build(config, clock);
    }

    public static ServiceProvider FileOutbox(string outboxPath, TimeProvider? clock = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Provider"] = "File",
            ["Email:OutboxPath"] = outboxPath,
            ["Email:FromEmail"] = FromEmail,
            ["Email:FromName"] = FromName,
        }).Build();
        return Build(config, clock);
    }

    private static ServiceProvider Build(IConfiguration config, TimeProvider? clock)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }

        services.AddSmeSupportEmail(config);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

internal static class Messages
{
    public const string VietnameseSubject = "Thư mời: Hội thảo chuyển đổi số cho doanh nghiệp nhỏ và vừa – Phú Thọ";

    public static EmailMessage Make(int i, string? html = "default", IReadOnlyList<string>? categories = null) => new()
    {
        MessageId = $"msg-{i:D4}",
        To = new EmailAddress($"giamdoc{i}@congty{i}.vn", $"Nguyễn Văn Đông {i}"),
        Subject = $"{VietnameseSubject} ({i})",
        TextBody = $"Kính gửi Quý doanh nghiệp {i}, trân trọng mời tham dự hội thảo ngày 20/11/2026.",
        HtmlBody = html == "default" ? $"<p>Kính gửi Quý doanh nghiệp <b>{i}</b>, trân trọng mời tham dự hội thảo.</p>" : html,
        Headers = new Dictionary<string, string>
        {
            ["List-Unsubscribe"] = $"<https://smesupport.phutho.gov.vn/huy-dang-ky/{i}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        },
        Categories = categories ?? ["campaign-invite"],
        CustomArgs = new Dictionary<string, string> { ["campaign_id"] = "c-2026-11" },
    };

    public static List<EmailMessage> Batch(int count) => Enumerable.Range(1, count).Select(i => Make(i)).ToList();
}
