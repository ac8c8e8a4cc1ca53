using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OutA_TemplateLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutboxMessages",
                type: "TEXT",
                maxLength: 5,
                nullable: false,
                defaultValue: "vi");

            migrationBuilder.AddColumn<string>(
                name: "HtmlTemplateEn",
                table: "EmailTemplates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectTemplateEn",
                table: "EmailTemplates",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TextTemplateEn",
                table: "EmailTemplates",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreferredLanguage",
                table: "Contacts",
                type: "TEXT",
                maxLength: 5,
                nullable: false,
                defaultValue: "vi");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "HtmlTemplateEn",
                table: "EmailTemplates");

            migrationBuilder.DropColumn(
                name: "SubjectTemplateEn",
                table: "EmailTemplates");

            migrationBuilder.DropColumn(
                name: "TextTemplateEn",
                table: "EmailTemplates");

            migrationBuilder.DropColumn(
                name: "PreferredLanguage",
                table: "Contacts");
        }
    }
}
