using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class E3_FormTokenUnique : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseRegistrations_ConfirmationNonce",
                table: "EnterpriseRegistrations",
                column: "ConfirmationNonce",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseRegistrations_ConfirmationNonce",
                table: "EnterpriseRegistrations");
        }
    }
}
