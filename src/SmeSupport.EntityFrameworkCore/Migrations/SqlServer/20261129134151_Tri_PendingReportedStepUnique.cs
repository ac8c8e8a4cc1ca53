using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Tri_PendingReportedStepUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A database from before this index may hold several pending reports of one enterprise: keep the newest pending one
            // (latest ReportedAt, then highest Id) and mark the others Rejected (State 2), decided when the newest was reported,
            // with a note saying why; then the unique index can be created. (Edited after shipping, as issue #4 asked.)
            migrationBuilder.Sql(@"
UPDATE [EInvoiceReportedSteps]
SET [State] = 2,
    [DecidedAt] = (SELECT MAX(n.[ReportedAt]) FROM [EInvoiceReportedSteps] AS n WHERE n.[EnterpriseId] = [EInvoiceReportedSteps].[EnterpriseId] AND n.[State] = 0),
    [DecisionNote] = N'Tự động từ chối khi nâng cấp cơ sở dữ liệu: đã có báo cáo mới hơn của cùng doanh nghiệp đang chờ duyệt. / Rejected by the database upgrade: superseded by a newer pending report of the same enterprise.'
WHERE [State] = 0
  AND EXISTS (SELECT 1 FROM [EInvoiceReportedSteps] AS n
              WHERE n.[EnterpriseId] = [EInvoiceReportedSteps].[EnterpriseId] AND n.[State] = 0
                AND (n.[ReportedAt] > [EInvoiceReportedSteps].[ReportedAt] OR (n.[ReportedAt] = [EInvoiceReportedSteps].[ReportedAt] AND n.[Id] > [EInvoiceReportedSteps].[Id])));");

            migrationBuilder.CreateIndex(
                name: "IX_EInvoiceReportedSteps_OnePendingPerEnterprise",
                table: "EInvoiceReportedSteps",
                column: "EnterpriseId",
                unique: true,
                filter: "State = 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EInvoiceReportedSteps_OnePendingPerEnterprise",
                table: "EInvoiceReportedSteps");
        }
    }
}
