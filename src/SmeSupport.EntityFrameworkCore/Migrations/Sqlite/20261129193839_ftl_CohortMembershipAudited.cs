using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "EnterpriseCohorts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "CreatedBy",
                table: "EnterpriseCohorts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeletedAt",
                table: "EnterpriseCohorts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DeletedBy",
                table: "EnterpriseCohorts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDeleted",
                table: "EnterpriseCohorts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ModifiedAt",
                table: "EnterpriseCohorts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ModifiedBy",
                table: "EnterpriseCohorts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseCohorts_EnterpriseId_CohortNameFolded",
                table: "EnterpriseCohorts",
                columns: new[] { "EnterpriseId", "CohortNameFolded" },
                unique: true,
                filter: "IsDeleted = 0");

            // Memberships kept before they were audited: created on the day they joined (DateTimeOffset as EF's binary form on SQLite:
            // (ticks / 1000) << 11 with offset 0), not 0001-01-01.
            migrationBuilder.Sql("UPDATE \"EnterpriseCohorts\" SET \"CreatedAt\" = CAST(julianday(\"JoinedOn\") - 1721425.5 AS INTEGER) * 1769472000000 WHERE \"CreatedAt\" = 0;");

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
