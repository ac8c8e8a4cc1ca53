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
/// Ready-made campaigns, seeded in every environment as Drafts (nothing is sent until staff send them): a trial-ending
/// reminder, an e-invoice nudge for enterprises not yet issuing, and a programme invitation (advertising: only to
/// contacts with advertising consent, "[QC]" label, Decree 91/2020/NĐ-CP). Each has its template and its segment.
/// Idempotent by name: what exists (perhaps edited by staff) is left as it is.
/// </summary>
internal sealed class ReadyMadeCampaignsSeedContributor(OutreachDb db) : IDataSeedContributor
{
    /// <summary>Name of the trial-ending reminder campaign.</summary>
    public const string TrialEndingName = "Nhắc dùng thử sắp kết thúc (7 ngày)";

    /// <summary>Name of the e-invoice nudge campaign.</summary>
    public const string EInvoiceNudgeName = "Nhắc triển khai hóa đơn điện tử";

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
