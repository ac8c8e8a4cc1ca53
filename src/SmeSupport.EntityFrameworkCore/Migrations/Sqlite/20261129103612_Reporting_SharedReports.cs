using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Reporting_SharedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerOrganizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CodeNormalized = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerOrganizations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportAccessLog",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PartnerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SharedReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Filters = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportAccessLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReportSnapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportSnapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedReportDeliveries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SharedReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedReportDeliveries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PartnerOrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FiltersJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Columns = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    MonthlyEmail = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerOrganizations_CodeNormalized",
                table: "PartnerOrganizations",
                column: "CodeNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReportAccessLog_At",
                table: "ReportAccessLog",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_ReportAccessLog_SharedReportId_At",
                table: "ReportAccessLog",
                columns: new[] { "SharedReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportSnapshots_ReportKey_Month",
                table: "ReportSnapshots",
                columns: new[] { "ReportKey", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharedReportDeliveries_SharedReportId_Month",
                table: "SharedReportDeliveries",
                columns: new[] { "SharedReportId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharedReports_PartnerOrganizationId",
                table: "SharedReports",
                column: "PartnerOrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerOrganizations");

            migrationBuilder.DropTable(
                name: "ReportAccessLog");

            migrationBuilder.DropTable(
                name: "ReportSnapshots");

            migrationBuilder.DropTable(
                name: "SharedReportDeliveries");

            migrationBuilder.DropTable(
                name: "SharedReports");
        }
    }
}
