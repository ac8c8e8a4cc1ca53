using Microsoft.EntityFrameworkCore;
using SmeSupport.Data;
using SmeSupport.Enterprises.Contracts;
using SmeSupport.Outreach.Contracts;
using SmeSupport.Outreach.Domain;
using SmeSupport.Outreach.Persistence;

namespace SmeSupport.Outreach.Seeding;

/// <summary>
/// Demo outreach data (<c>Seed:DemoData</c> only): one Service template and one manual Service campaign inviting the
/// pilot enterprises' contacts to the programme. Idempotent by name: what exists is left as it is. Nothing is sent.
/// </summary>
internal sealed class DemoOutreachSeedContributor(OutreachDb db) : IDataSeedContributor
{
    /// <summary>Name of the demo template.</summary>
    public const string TemplateName = "Thư mời tham gia chương trình chuyển đổi số";

    /// <summary>Name of the demo campaign.</summary>
    public const string CampaignName = "Mời tham gia chương trình chuyển đổi số";

    public int Order => 1300;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (!context.DemoData)
        {
            return;
        }

        var template = await db.EmailTemplates.FirstOrDefaultAsync(t => t.Name == TemplateName, cancellationToken);
        if (template is null)
        {
            template = new EmailTemplate
            {
                Name = TemplateName,
                Purpose = CampaignPurpose.Service,
                SubjectTemplate = "Thư mời {{ enterprise.name }} tham gia chương trình chuyển đổi số",
                HtmlTemplate =
                    "<p>Kính gửi {{ recipient.name }},</p>" +
                    "<p>{{ sender.name }} trân trọng mời <strong>{{ enterprise.name }}</strong> tham gia chương trình hỗ trợ " +
                    "chuyển đổi số cho doanh nghiệp nhỏ và vừa: dùng thử miễn phí các nền tảng số (hóa đơn điện tử, kế toán, " +
                    "hợp đồng điện tử, quản lý bán hàng) và được cán bộ hướng dẫn tận nơi.</p>" +
                    "<p>Trân trọng,<br/>{{ sender.name }}</p>",
                TextTemplate =
                    "Kính gửi {{ recipient.name }},\n\n" +
                    "{{ sender.name }} trân trọng mời {{ enterprise.name }} tham gia chương trình hỗ trợ chuyển đổi số cho doanh " +
                    "nghiệp nhỏ và vừa: dùng thử miễn phí các nền tảng số (hóa đơn điện tử, kế toán, hợp đồng điện tử, quản lý " +
                    "bán hàng) và được cán bộ hướng dẫn tận nơi.\n\nTrân trọng,\n{{ sender.name }}\n",
            };
            db.EmailTemplates.Add(template);
        }

        if (!await db.Campaigns.AnyAsync(c => c.Name == CampaignName, cancellationToken))
        {
            db.Campaigns.Add(new Campaign
            {
                Name = CampaignName,
                Purpose = CampaignPurpose.Service,
                TemplateId = template.Id,
                AudienceStatuses = [ProgrammeStatus.Pilot],
                Status = CampaignStatus.Draft,
            });
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }
}
