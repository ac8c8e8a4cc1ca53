using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases3_Visits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CommunityVisitId",
                table: "SupportCases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CommunityVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    WardCode = table.Column<int>(type: "INTEGER", nullable: false),
                    MemberNames = table.Column<string>(type: "TEXT", maxLength: 40200, nullable: true),
                    HouseholdCount = table.Column<int>(type: "INTEGER", nullable: true),
                    HouseholdNames = table.Column<string>(type: "TEXT", maxLength: 40200, nullable: true),
                    Topics = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OtherTopic = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DeletedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityVisits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CommunityVisitEnterprises",
                columns: table => new
                {
                    CommunityVisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityVisitEnterprises", x => new { x.CommunityVisitId, x.EnterpriseId });
                    table.ForeignKey(
                        name: "FK_CommunityVisitEnterprises_CommunityVisits_CommunityVisitId",
                        column: x => x.CommunityVisitId,
                        principalTable: "CommunityVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommunityVisitMembers",
                columns: table => new
                {
                    CommunityVisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommunityVisitMembers", x => new { x.CommunityVisitId, x.UserId });
                    table.ForeignKey(
                        name: "FK_CommunityVisitMembers_CommunityVisits_CommunityVisitId",
                        column: x => x.CommunityVisitId,
                        principalTable: "CommunityVisits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SupportCases_CommunityVisitId",
                table: "SupportCases",
                column: "CommunityVisitId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityVisitEnterprises_EnterpriseId",
                table: "CommunityVisitEnterprises",
                column: "EnterpriseId");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityVisits_IsDeleted",
                table: "CommunityVisits",
                column: "IsDeleted");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityVisits_VisitDate",
                table: "CommunityVisits",
                column: "VisitDate");

            migrationBuilder.CreateIndex(
                name: "IX_CommunityVisits_WardCode_VisitDate",
                table: "CommunityVisits",
                columns: new[] { "WardCode", "VisitDate" });

            migrationBuilder.AddForeignKey(
                name: "FK_SupportCases_CommunityVisits_CommunityVisitId",
                table: "SupportCases",
                column: "CommunityVisitId",
                principalTable: "CommunityVisits",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SupportCases_CommunityVisits_CommunityVisitId",
                table: "SupportCases");

            migrationBuilder.DropTable(
                name: "CommunityVisitEnterprises");

            migrationBuilder.DropTable(
                name: "CommunityVisitMembers");

            migrationBuilder.DropTable(
                name: "CommunityVisits");

            migrationBuilder.DropIndex(
                name: "IX_SupportCases_CommunityVisitId",
                table: "SupportCases");

            migrationBuilder.DropColumn(
                name: "CommunityVisitId",
                table: "SupportCases");
        }
    }
}
