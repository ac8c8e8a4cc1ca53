using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.EInvoicing.Contracts;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Application;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;
using SmeSupport.Trials.Contracts;

namespace SmeSupport.Outreach.Seeding;

/// <summary>
/// Ready-made campaigns (issue #6 item 9), seeded in every environment as Drafts (off until staff send or schedule them):
/// a trial-ending reminder (Active trial ending within 7 days), a follow-up for trials past their end date without an
/// outcome (still Planned/Active after the end date), an e-invoice nudge for pilot enterprises not yet issuing, a welcome
/// for enterprises whose self-registration was approved in the last 7 days (a segment, not an event trigger: a weekly
/// schedule reaches each new enterprise once or twice; staff choose), and a programme invitation (advertising: only to
/// contacts with advertising consent, "[QC]" label, Decree 91/2020/NĐ-CP). Each has its Vietnamese and English
/// template and its segment. Idempotent by name: what exists (perhaps edited by staff) is left as it is.
/// </summary>
internal sealed class ReadyMadeCampaignsSeedContributor(OutreachDb db) : IDataSeedContributor
{
    /// <summary>Name of the trial-ending reminder campaign.</summary>
    public const string TrialEndingName = "Nhắc dùng thử sắp kết thúc (7 ngày)";

    /// <summary>Name of the e-invoice nudge campaign.</summary>
    public const string EInvoiceNudgeName = "Nhắc triển khai hóa đơn điện tử";

    /// <summary>Name of the follow-up campaign for trials past their end date without an outcome.</summary>
    public const string TrialPastEndName = "Dùng thử đã hết hạn nhưng chưa có kết quả";

    /// <summary>Name of the welcome campaign for enterprises whose registration was approved in the last 7 days.</summary>
    public const string WelcomeName = "Chào mừng doanh nghiệp mới được duyệt đăng ký";

    /// <summary>Name of the programme invitation campaign (advertising).</summary>
    public const string InvitationName = "Mời tham gia chương trình chuyển đổi số (quảng cáo)";

    /// <summary>Reference content: after the reference data, before identity and demo data.</summary>
    public int Order => 180;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        await AddAsync(TrialEndingName, CampaignPurpose.Service,
            new SegmentRulesDto { TrialStatuses = [TrialStatus.Active], TrialEndsWithinDays = 7 },
            "Thời gian dùng thử của {{ enterprise.name }} sắp kết thúc",
            "<p>Kính gửi {{ recipient.name }},</p><p>Thời gian dùng thử nền tảng số của <strong>{{ enterprise.name }}</strong> sẽ kết thúc " +
            "trong 7 ngày tới. Cán bộ chương trình sẽ liên hệ để cùng đánh giá kết quả và quyết định tiếp tục sử dụng.</p>" +
            "<p>Trân trọng,<br/>{{ sender.name }}</p>",
            "Kính gửi {{ recipient.name }},\n\nThời gian dùng thử nền tảng số của {{ enterprise.name }} sẽ kết thúc trong 7 ngày tới. " +
            "Cán bộ chương trình sẽ liên hệ để cùng đánh giá kết quả và quyết định tiếp tục sử dụng.\n\nTrân trọng,\n{{ sender.name }}\n",
            new("The trial of {{ trial.platform }} at {{ enterprise.name }} ends on {{ trial.end }}",
                "<p>Dear {{ recipient.name }},</p><p>The trial of <strong>{{ trial.platform }}</strong> ({{ trial.provider }}) at " +
                "<strong>{{ enterprise.name }}</strong> ends on {{ trial.end }}. A programme officer will contact you to review the " +
                "results together and decide whether to keep using it.</p><p>Kind regards,<br/>{{ sender.name }}</p>",
                "Dear {{ recipient.name }},\n\nThe trial of {{ trial.platform }} ({{ trial.provider }}) at {{ enterprise.name }} ends on " +
                "{{ trial.end }}. A programme officer will contact you to review the results together and decide whether to keep using it.\n\n" +
                "Kind regards,\n{{ sender.name }}\n"),
            cancellationToken);
        await AddAsync(TrialPastEndName, CampaignPurpose.Service,
            new SegmentRulesDto { TrialStatuses = [TrialStatus.Planned, TrialStatus.Active], TrialPastEndWithoutOutcome = true },
            "{{ enterprise.name }}: thời gian dùng thử đã kết thúc, mời đánh giá kết quả",
            "<p>Kính gửi {{ recipient.name }},</p><p>Thời gian dùng thử nền tảng số của <strong>{{ enterprise.name }}</strong> đã kết thúc " +
            "nhưng chương trình chưa ghi nhận kết quả. Xin Quý doanh nghiệp cho biết có tiếp tục sử dụng hay không; cán bộ chương trình " +
            "sẽ liên hệ để hỗ trợ.</p><p>Trân trọng,<br/>{{ sender.name }}</p>",
            "Kính gửi {{ recipient.name }},\n\nThời gian dùng thử nền tảng số của {{ enterprise.name }} đã kết thúc nhưng chương trình " +
            "chưa ghi nhận kết quả. Xin Quý doanh nghiệp cho biết có tiếp tục sử dụng hay không; cán bộ chương trình sẽ liên hệ để hỗ trợ.\n\n" +
            "Trân trọng,\n{{ sender.name }}\n",
            new("The trial of {{ trial.platform }} at {{ enterprise.name }} has ended: how did it go?",
                "<p>Dear {{ recipient.name }},</p><p>The trial of <strong>{{ trial.platform }}</strong> ({{ trial.provider }}) at " +
                "<strong>{{ enterprise.name }}</strong> ended on {{ trial.end }}, and the programme has no outcome recorded yet. Please " +
                "let us know whether you will keep using it; a programme officer will contact you to help.</p>" +
                "<p>Kind regards,<br/>{{ sender.name }}</p>",
                "Dear {{ recipient.name }},\n\nThe trial of {{ trial.platform }} ({{ trial.provider }}) at {{ enterprise.name }} ended on " +
                "{{ trial.end }}, and the programme has no outcome recorded yet. Please let us know whether you will keep using it; " +
                "a programme officer will contact you to help.\n\nKind regards,\n{{ sender.name }}\n"),
            cancellationToken);
        await AddAsync(WelcomeName, CampaignPurpose.Service,
            new SegmentRulesDto { ApprovedWithinDays = 7 },
            "Chào mừng {{ enterprise.name }} đến với chương trình chuyển đổi số",
            "<p>Kính gửi {{ recipient.name }},</p><p>Đăng ký của <strong>{{ enterprise.name }}</strong> đã được duyệt. Quý doanh nghiệp " +
            "có thể đăng nhập cổng thông tin để cập nhật hồ sơ, người liên hệ và gửi yêu cầu hỗ trợ. Cán bộ chương trình sẽ liên hệ " +
            "để giới thiệu các nền tảng số được dùng thử miễn phí.</p><p>Trân trọng,<br/>{{ sender.name }}</p>",
            "Kính gửi {{ recipient.name }},\n\nĐăng ký của {{ enterprise.name }} đã được duyệt. Quý doanh nghiệp có thể đăng nhập cổng " +
            "thông tin để cập nhật hồ sơ, người liên hệ và gửi yêu cầu hỗ trợ. Cán bộ chương trình sẽ liên hệ để giới thiệu các nền tảng " +
            "số được dùng thử miễn phí.\n\nTrân trọng,\n{{ sender.name }}\n",
            new("Welcome to the digital transformation programme, {{ enterprise.name }}",
                "<p>Dear {{ recipient.name }},</p><p>The registration of <strong>{{ enterprise.name }}</strong> has been approved. You can " +
                "sign in to the portal to keep your profile and contacts up to date and to ask for support. A programme officer will " +
                "contact you to present the digital platforms you can try free of charge.</p><p>Kind regards,<br/>{{ sender.name }}</p>",
                "Dear {{ recipient.name }},\n\nThe registration of {{ enterprise.name }} has been approved. You can sign in to the portal " +
                "to keep your profile and contacts up to date and to ask for support. A programme officer will contact you to present " +
                "the digital platforms you can try free of charge.\n\nKind regards,\n{{ sender.name }}\n"),
            cancellationToken);
        await AddAsync(EInvoiceNudgeName, CampaignPurpose.Service,
            new SegmentRulesDto
            {
                ProgrammeStatuses = [ProgrammeStatus.Pilot],
                EInvoiceSteps = [EInvoiceStep.NotRegistered, EInvoiceStep.RegistrationSubmitted, EInvoiceStep.Refused, EInvoiceStep.Accepted],
            },
            "{{ enterprise.name }}: hỗ trợ triển khai hóa đơn điện tử",
            "<p>Kính gửi {{ recipient.name }},</p><p><strong>{{ enterprise.name }}</strong> chưa phát hành hóa đơn điện tử. " +
            "Theo Nghị định 123/2020/NĐ-CP, doanh nghiệp phải dùng hóa đơn điện tử; chương trình hỗ trợ miễn phí việc đăng ký " +
            "và phát hành hóa đơn đầu tiên.</p><p>Trân trọng,<br/>{{ sender.name }}</p>",
            "Kính gửi {{ recipient.name }},\n\n{{ enterprise.name }} chưa phát hành hóa đơn điện tử. Theo Nghị định 123/2020/NĐ-CP, " +
            "doanh nghiệp phải dùng hóa đơn điện tử; chương trình hỗ trợ miễn phí việc đăng ký và phát hành hóa đơn đầu tiên.\n\n" +
            "Trân trọng,\n{{ sender.name }}\n",
            new("{{ enterprise.name }}: support with e-invoicing",
                "<p>Dear {{ recipient.name }},</p><p><strong>{{ enterprise.name }}</strong> does not issue e-invoices yet " +
                "(current step: {{ einvoice.step }}). Under Decree 123/2020/ND-CP enterprises must use e-invoices; the programme helps " +
                "free of charge with the registration and the first invoice.</p><p>Kind regards,<br/>{{ sender.name }}</p>",
                "Dear {{ recipient.name }},\n\n{{ enterprise.name }} does not issue e-invoices yet (current step: {{ einvoice.step }}). " +
                "Under Decree 123/2020/ND-CP enterprises must use e-invoices; the programme helps free of charge with the registration " +
                "and the first invoice.\n\nKind regards,\n{{ sender.name }}\n"),
            cancellationToken);
        await AddAsync(InvitationName, CampaignPurpose.Advertising,
            new SegmentRulesDto { ProgrammeStatuses = [ProgrammeStatus.Prospect] },
            "Mời {{ enterprise.name }} tham gia chương trình chuyển đổi số",
            "<p>Kính gửi {{ recipient.name }},</p><p>{{ sender.name }} trân trọng mời <strong>{{ enterprise.name }}</strong> tham gia " +
            "chương trình hỗ trợ chuyển đổi số cho doanh nghiệp nhỏ và vừa: dùng thử miễn phí các nền tảng số và được hướng dẫn " +
            "tận nơi.</p><p>Trân trọng,<br/>{{ sender.name }}</p>",
            "Kính gửi {{ recipient.name }},\n\n{{ sender.name }} trân trọng mời {{ enterprise.name }} tham gia chương trình hỗ trợ " +
            "chuyển đổi số cho doanh nghiệp nhỏ và vừa: dùng thử miễn phí các nền tảng số và được hướng dẫn tận nơi.\n\n" +
            "Trân trọng,\n{{ sender.name }}\n",
            new("An invitation for {{ enterprise.name }} to join the digital transformation programme",
                "<p>Dear {{ recipient.name }},</p><p>{{ sender.name }} invites <strong>{{ enterprise.name }}</strong> to join the " +
                "digital transformation programme for small and medium-sized enterprises: free trials of digital platforms and " +
                "on-site guidance.</p><p>Kind regards,<br/>{{ sender.name }}</p>",
                "Dear {{ recipient.name }},\n\n{{ sender.name }} invites {{ enterprise.name }} to join the digital transformation " +
                "programme for small and medium-sized enterprises: free trials of digital platforms and on-site guidance.\n\n" +
                "Kind regards,\n{{ sender.name }}\n"),
            cancellationToken);
    }

    private async Task AddAsync(string name, CampaignPurpose purpose, SegmentRulesDto rules, string subject, string html, string text,
        EnglishVariant english, CancellationToken cancellationToken)
    {
        var template = await db.EmailTemplates.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);
        if (template is { SubjectTemplateEn: null, HtmlTemplateEn: null, TextTemplateEn: null })
        {
            // Seeded before templates had English variants: the English one is added, the Vietnamese one left as it is.
            (template.SubjectTemplateEn, template.HtmlTemplateEn, template.TextTemplateEn) = (english.Subject, english.Html, english.Text);
            await db.Context.SaveChangesAsync(cancellationToken);
        }

        if (await db.Campaigns.AnyAsync(c => c.Name == name, cancellationToken))
        {
            return;
        }

        if (template is null)
        {
            template = new EmailTemplate
            {
                Name = name,
                Purpose = purpose,
                SubjectTemplate = subject,
                HtmlTemplate = html,
                TextTemplate = text,
                SubjectTemplateEn = english.Subject,
                HtmlTemplateEn = english.Html,
                TextTemplateEn = english.Text,
            };
            db.EmailTemplates.Add(template);
        }

        var segment = await db.Segments.FirstOrDefaultAsync(s => s.Name == name, cancellationToken);
        if (segment is null)
        {
            segment = new Segment { Name = name, RulesJson = JsonSerializer.Serialize(rules, SegmentEvaluator.Json) };
            db.Segments.Add(segment);
        }

        db.Campaigns.Add(new Campaign
        {
            Name = name,
            Purpose = purpose,
            TemplateId = template.Id,
            SegmentId = segment.Id,
            Status = CampaignStatus.Draft,
        });
        await db.Context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The English variant of a ready-made template.</summary>
    private sealed record EnglishVariant(string Subject, string Html, string Text);
}
