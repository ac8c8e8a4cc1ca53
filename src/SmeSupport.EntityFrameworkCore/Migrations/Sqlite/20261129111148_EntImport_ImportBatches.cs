using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EntImport_ImportBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EnterpriseImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UnchangedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedByEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevertedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevertedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Columns = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EnterpriseImportRows",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RowNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    TaxCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Input = table.Column<string>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    EnterpriseId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ContactId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Changes = table.Column<string>(type: "TEXT", nullable: true),
                    OldValues = table.Column<string>(type: "TEXT", nullable: true),
                    StampAfterImport = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Errors = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EnterpriseImportRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EnterpriseImportRows_EnterpriseImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "EnterpriseImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_CreatedAt",
                table: "Enterprises",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_ModifiedAt",
                table: "Enterprises",
                column: "ModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Enterprises_TaxCode_IsDeleted",
                table: "Enterprises",
                columns: new[] { "TaxCode", "IsDeleted" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ModifiedAt",
                table: "Contacts",
                column: "ModifiedAt");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseImportRows_ImportId_RowNumber",
                table: "EnterpriseImportRows",
                columns: new[] { "ImportId", "RowNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseImports_CreatedAt",
                table: "EnterpriseImports",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EnterpriseImportRows");

            migrationBuilder.DropTable(
                name: "EnterpriseImports");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_CreatedAt",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_ModifiedAt",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Enterprises_TaxCode_IsDeleted",
                table: "Enterprises");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_CreatedAt",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_ModifiedAt",
                table: "Contacts");
        }
    }
}
