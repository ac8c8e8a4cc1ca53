using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Tri_PendingReportedStepUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
