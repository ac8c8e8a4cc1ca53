using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Rep_AccessOutcome : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "ReportAccessLog",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Allowed");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "ReportAccessLog",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportAccessLog_Outcome_At",
                table: "ReportAccessLog",
                columns: new[] { "Outcome", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReportAccessLog_Outcome_At",
                table: "ReportAccessLog");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ReportAccessLog");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "ReportAccessLog");
        }
    }
}
