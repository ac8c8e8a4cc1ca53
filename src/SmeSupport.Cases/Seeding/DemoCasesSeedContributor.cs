using Microsoft.EntityFrameworkCore;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;
using SmeSupport.Cases.Persistence;
using SmeSupport.Data;
using SmeSupport.Enterprises.Contracts;

namespace SmeSupport.Cases.Seeding;

/// <summary>
/// Demo support cases (<c>Seed:DemoData</c> only): 40 cases over the pilot enterprises (through
/// <see cref="IEnterpriseLookup"/>), deterministic, opened over the last ~80 days and spread over every
/// status (5 New, 5 Assigned, 5 InProgress, 5 WaitingForEnterprise, 10 Resolved, 10 Closed). No officer
/// is assigned: the Identity module exposes no user lookup to other modules yet. A case whose enterprise
/// already has a case with the same subject is skipped, so running it again adds nothing.
/// </summary>
internal sealed class DemoCasesSeedContributor(CasesDb db, IEnterpriseLookup enterprises, TimeProvider clock) : IDataSeedContributor
{
    /// <summary>How many demo cases.</summary>
    public const int CaseCount = 40;

    private static readonly (CaseType Type, string Subject, string Description)[] Templates =
    [
        (CaseType.EInvoiceHelp, "Hướng dẫn đăng ký hóa đơn điện tử (mẫu 01/ĐKTĐ-HĐĐT)",
            "Doanh nghiệp cần hướng dẫn lập và gửi tờ khai đăng ký sử dụng hóa đơn điện tử."),
        (CaseType.EInvoiceHelp, "Hóa đơn có mã bị cơ quan thuế từ chối cấp mã",
            "Hóa đơn gửi đi bị từ chối cấp mã, cần kiểm tra thông tin người mua và mã số thuế."),
        (CaseType.PlatformOnboarding, "Cài đặt phần mềm kế toán dùng thử",
            "Cần hỗ trợ khởi tạo dữ liệu đầu kỳ trên nền tảng kế toán đang dùng thử."),
        (CaseType.TechnicalProblem, "Không ký được hợp đồng điện tử bằng chữ ký số",
            "Thiết bị ký số không được nhận trên máy tính của kế toán."),
        (CaseType.Training, "Đề nghị tập huấn chuyển đổi số cho nhân viên",
            "Doanh nghiệp đề nghị tổ chức buổi tập huấn về sử dụng nền tảng số cho 10 nhân viên."),
        (CaseType.Consultation, "Tư vấn lựa chọn nền tảng quản lý bán hàng",
            "Doanh nghiệp muốn so sánh các nền tảng quản lý bán hàng phù hợp quy mô nhỏ."),
        (CaseType.Consultation, "Tư vấn mở gian hàng trên sàn thương mại điện tử",
            "Hộ kinh doanh muốn đưa sản phẩm đặc sản địa phương lên sàn thương mại điện tử."),
        (CaseType.Other, "Cập nhật thông tin người liên hệ",
            "Doanh nghiệp đổi người phụ trách chuyển đổi số, đề nghị cập nhật thông tin liên hệ."),
    ];

    private static readonly CaseStatus[] StatusPlan =
    [
        CaseStatus.New, CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.WaitingForEnterprise,
        CaseStatus.Resolved, CaseStatus.Resolved, CaseStatus.Closed, CaseStatus.Closed,
    ];

    public int Order => 1120;

    public async Task SeedAsync(DataSeedContext context, CancellationToken cancellationToken)
    {
        if (!context.DemoData)
        {
            return;
        }

        var pilots = await enterprises.ListAsync(ProgrammeStatus.Pilot, cancellationToken);
        if (pilots.Count == 0)
        {
            return;
        }

        var taken = (await db.SupportCases.IgnoreQueryFilters().Select(c => new { c.EnterpriseId, c.Subject }).ToListAsync(cancellationToken))
            .Select(c => (c.EnterpriseId, c.Subject)).ToHashSet();
        foreach (var supportCase in Generate(pilots.Select(p => p.Id).ToList(), clock.GetUtcNow()))
        {
            if (taken.Add((supportCase.EnterpriseId, supportCase.Subject)))
            {
                db.SupportCases.Add(supportCase);
            }
        }

        await db.Context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The demo cases for the given enterprises (in a stable order), opened before <paramref name="now"/>.</summary>
    internal static IEnumerable<SupportCase> Generate(IReadOnlyList<Guid> enterpriseIds, DateTimeOffset now)
    {
        var channels = Enum.GetValues<CaseChannel>();
        var priorities = Enum.GetValues<CasePriority>();
        for (var i = 0; i < CaseCount; i++)
        {
            var template = Templates[(i / StatusPlan.Length + i) % Templates.Length];
            var opened = now.AddDays(-(2 * i + 1)).AddHours(-(i % 7));
            var supportCase = SupportCase.Open(enterpriseIds[(i * 11) % enterpriseIds.Count], null, template.Subject, template.Description,
                template.Type, channels[i % channels.Length], priorities[(i / 2) % priorities.Length], null, opened);
            var target = StatusPlan[i % StatusPlan.Length];
            var step = opened;
            foreach (var status in PathTo(target))
            {
                step = step.AddHours(4 + i % 20);
                supportCase.MoveTo(status, step < now ? step : now);
            }

            yield return supportCase;
        }
    }

    private static CaseStatus[] PathTo(CaseStatus target) =>
        target switch
        {
            CaseStatus.New => [],
            CaseStatus.Assigned => [CaseStatus.Assigned],
            CaseStatus.InProgress => [CaseStatus.Assigned, CaseStatus.InProgress],
            CaseStatus.WaitingForEnterprise => [CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.WaitingForEnterprise],
            CaseStatus.Resolved => [CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.Resolved],
            _ => [CaseStatus.Assigned, CaseStatus.InProgress, CaseStatus.Resolved, CaseStatus.Closed],
        };
}
