using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ftl_CohortMembershipAudited : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded",
                table: "EnterpriseCohorts");

            migrationBuilder.AddColumn<string>(
                name: "ConcurrencyStamp",
                table: "EnterpriseCohorts",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "EnterpriseCohorts",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedBy",
                table: "EnterpriseCohorts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeletedAt",
                table: "EnterpriseCohorts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DeletedBy",
                table: "EnterpriseCohorts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDeleted",
                table: "EnterpriseCohorts",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ModifiedAt",
                table: "EnterpriseCohorts",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ModifiedBy",
                table: "EnterpriseCohorts",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded",
                table: "EnterpriseCohorts",
                columns: new[] { "EnterpriseId", "CohortNameFolded" },
                unique: true,
                filter: "IsDeleted = 0");

            // Memberships kept before they were audited: created on the day they joined, not 0001-01-01.
            migrationBuilder.Sql("UPDATE [EnterpriseCohorts] SET [CreatedAt] = TODATETIMEOFFSET(CAST([JoinedOn] AS datetime2), 0) WHERE [CreatedAt] = '0001-01-01T00:00:00+00:00';");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseCohorts_IsDeleted",
                table: "EnterpriseCohorts",
                column: "IsDeleted");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded",
                table: "EnterpriseCohorts");

            migrationBuilder.DropIndex(
                name: "IX_EnterpriseCohorts_IsDeleted",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "ConcurrencyStamp",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "DeletedAt",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "DeletedBy",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "IsDeleted",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "ModifiedAt",
                table: "EnterpriseCohorts");

            migrationBuilder.DropColumn(
                name: "ModifiedBy",
                table: "EnterpriseCohorts");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded",
                table: "EnterpriseCohorts",
                columns: new[] { "EnterpriseId", "CohortNameFolded" },
                unique: true);
        }
    }
}
