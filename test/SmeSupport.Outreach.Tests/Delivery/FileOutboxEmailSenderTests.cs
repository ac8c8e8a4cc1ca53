using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SmeSupport.Emailing;
using SmeSupport.Outreach.Delivery;

namespace SmeSupport.Outreach.Tests.Delivery;

public sealed class FileOutboxEmailSenderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 5, 1, 30, 15, 123, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _clock = new(Now);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Writes_a_parseable_eml_with_the_headers_and_Vietnamese_text_intact()
    {
        using var provider = Senders.FileOutbox(_folder.Path, _clock);
        var sender = provider.GetRequiredService<IEmailSender>();
        Assert.IsType<FileOutboxEmailSender>(sender);
        var csv = Encoding.UTF8.GetBytes("Mã số thuế;Tên\n2500123456;Công ty TNHH Đồng Tâm\n");
        var message = Messages.Make(7) with
        {
            Attachments = [new EmailAttachment("danh-sách.csv", "text/csv", csv)],
            Categories = ["campaign-invite", "nudge"],
        };

        var result = Assert.Single(await sender.SendAsync([message]));

        Assert.True(result.Accepted);
        Assert.Equal("20261105013015123_msg-0007.eml", result.ProviderMessageId);
        var path = Path.Combine(_folder.Path, result.ProviderMessageId!);
        Assert.Equal([path], Directory.GetFiles(_folder.Path)); // no temporary file left behind

        var raw = await File.ReadAllBytesAsync(path);
        Assert.All(raw, b => Assert.True(b < 128, "an RFC 5322 message is US-ASCII"));
        var text = Encoding.ASCII.GetString(raw);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Subject: =?utf-8?", text, StringComparison.OrdinalIgnoreCase); // RFC 2047 encoded word

        using var parsed = await MimeMessage.LoadAsync(path);
        Assert.Equal($"{Messages.VietnameseSubject} (7)", parsed.Subject);
        var from = Assert.IsType<MailboxAddress>(Assert.Single(parsed.From));
        Assert.Equal((Senders.FromEmail, Senders.FromName), (from.Address, from.Name));
        var to = Assert.IsType<MailboxAddress>(Assert.Single(parsed.To));
        Assert.Equal(("giamdoc7@congty7.vn", "Nguyễn Văn Đông 7"), (to.Address, to.Name));
        Assert.Equal(Now.AddTicks(-(Now.Ticks % TimeSpan.TicksPerSecond)), parsed.Date); // RFC 5322 dates count whole seconds
        Assert.EndsWith("@sokhcn.phutho.gov.vn", parsed.MessageId, StringComparison.Ordinal);
        Assert.Equal("msg-0007", parsed.Headers["X-SmeSupport-Message-Id"]);
        Assert.Equal("<https://smesupport.phutho.gov.vn/huy-dang-ky/7>", parsed.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(["campaign-invite", "nudge"],
            parsed.Headers.Where(h => h.Field == FileOutboxEmailSender.CategoryHeader).Select(h => h.Value));

        var mixed = Assert.IsType<Multipart>(parsed.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal(message.TextBody, parsed.TextBody?.TrimEnd('\r', '\n'));
        Assert.Equal(message.HtmlBody, parsed.HtmlBody?.TrimEnd('\r', '\n'));
        var attachment = Assert.IsAssignableFrom<MimePart>(Assert.Single(parsed.Attachments));
        Assert.Equal("danh-sách.csv", attachment.FileName);
        Assert.Equal("text/csv", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(csv, content.ToArray());
    }

    [Fact]
    public async Task A_text_only_message_without_attachments_is_a_single_text_part()
    {
        using var provider = Senders.FileOutbox(_folder.Path, _clock);

        var result = Assert.Single(await provider.GetRequiredService<IEmailSender>().SendAsync([Messages.Make(1, html: null)]));

        using var parsed = await MimeMessage.LoadAsync(Path.Combine(_folder.Path, result.ProviderMessageId!));
        var part = Assert.IsType<TextPart>(parsed.Body);
        Assert.True(part.IsPlain);
        Assert.Equal(Messages.Make(1).TextBody, part.Text.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task One_file_per_message_and_unsafe_id_characters_are_replaced()
    {
        using var provider = Senders.FileOutbox(_folder.Path, _clock);
        var batch = Messages.Batch(3);
        batch[2] = batch[2] with { MessageId = "../../etc/passwd" };

        var results = await provider.GetRequiredService<IEmailSender>().SendAsync(batch);

        Assert.Equal(
            ["20261105013015123_msg-0001.eml", "20261105013015123_msg-0002.eml", "20261105013015123_.._.._etc_passwd.eml"],
            results.Select(r => r.ProviderMessageId));
        Assert.Equal(3, Directory.GetFiles(_folder.Path, "*.eml").Length);
    }

    [Fact]
    public async Task The_same_id_twice_in_the_same_millisecond_never_overwrites()
    {
        using var provider = Senders.FileOutbox(_folder.Path, _clock);
        var sender = provider.GetRequiredService<IEmailSender>();

        var first = Assert.Single(await sender.SendAsync([Messages.Make(1)]));
        var second = Assert.Single(await sender.SendAsync([Messages.Make(1)]));

        Assert.Equal("20261105013015123_msg-0001.eml", first.ProviderMessageId);
        Assert.Equal("20261105013015123_msg-0001_1.eml", second.ProviderMessageId);
    }

    [Fact]
    public void A_relative_outbox_path_is_under_the_content_root_by_default()
    {
        using var provider = Senders.FileOutbox("App_Data/outbox");
        var sender = Assert.IsType<FileOutboxEmailSender>(provider.GetRequiredService<IEmailSender>());

        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), "App_Data", "outbox"), sender.OutboxFolder);
    }

    [Fact]
    public async Task The_file_outbox_refuses_what_SendGrid_would()
    {
        using var provider = Senders.FileOutbox(_folder.Path, _clock);
        var batch = Messages.Batch(2);
        batch[1] = batch[1] with { To = batch[0].To };

        await Assert.ThrowsAsync<ArgumentException>(() => provider.GetRequiredService<IEmailSender>().SendAsync(batch));

        Assert.Empty(Directory.GetFiles(_folder.Path));
    }
}
