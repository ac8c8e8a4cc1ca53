using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class fx1_OnePendingRegistrationPerTaxCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A database from before this index may hold several pending registrations (awaiting e-mail confirmation or submitted) of
            // one tax code: keep one per tax code - a confirmed (Submitted) one before an unconfirmed one, then the newest (latest
            // SubmittedAt, then highest Id) - and mark the others Rejected (Status 3) with a reason; then the unique index can be created.
            migrationBuilder.Sql(@"
UPDATE [EnterpriseRegistrations]
SET [Status] = 3,
    [RejectionReason] = N'Tự động từ chối khi nâng cấp cơ sở dữ liệu: đã có đăng ký khác của cùng mã số thuế đang chờ xử lý. / Rejected by the database upgrade: superseded by another pending registration of the same tax code.'
WHERE [Status] IN (0, 1)
  AND EXISTS (SELECT 1 FROM [EnterpriseRegistrations] AS n
              WHERE n.[TaxCode] = [EnterpriseRegistrations].[TaxCode] AND n.[Status] IN (0, 1)
                AND (n.[Status] > [EnterpriseRegistrations].[Status]
                     OR (n.[Status] = [EnterpriseRegistrations].[Status]
                         AND (n.[SubmittedAt] > [EnterpriseRegistrations].[SubmittedAt]
                              OR (n.[SubmittedAt] = [EnterpriseRegistrations].[SubmittedAt] AND n.[Id] > [EnterpriseRegistrations].[Id])))));");

            migrationBuilder.CreateIndex(
                name: "IX_EnterpriseRegistrations_OnePendingPerTaxCode",
                table: "EnterpriseRegistrations",
                column: "TaxCode",
                unique: true,
                filter: "Status IN (0, 1)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_EnterpriseRegistrations_OnePendingPerTaxCode",
                table: "EnterpriseRegistrations");
        }
    }
}
