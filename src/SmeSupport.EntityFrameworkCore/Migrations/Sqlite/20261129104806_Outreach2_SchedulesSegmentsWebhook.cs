using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmeSupport.EntityFrameworkCore.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Outreach2_SchedulesSegmentsWebhook : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CampaignRuns_CampaignId",
                table: "CampaignRuns");

            migrationBuilder.AddColumn<string>(
                name: "Reason",
                table: "OutreachSuppressions",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BouncedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ClickedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeliveredAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OpenedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SpamReportedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UnsubscribedAt",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Cron",
                table: "Campaigns",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecurrenceEndsAt",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RecurrenceStartsAt",
                table: "Campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SegmentId",
                table: "Campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OccurrenceAt",
                table: "CampaignRuns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OccurrenceKey",
                table: "CampaignRuns",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "once"); // runs before this migration were one-off runs (CampaignRun.OnceKey)

            migrationBuilder.CreateTable(
                name: "OutreachSegments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RulesJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ModifiedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachSegments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutreachWebhookEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutreachWebhookEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_SegmentId",
                table: "Campaigns",
                column: "SegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRuns_CampaignId_OccurrenceKey",
                table: "CampaignRuns",
                columns: new[] { "CampaignId", "OccurrenceKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutreachSegments_Name",
                table: "OutreachSegments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutreachWebhookEvents_EventId",
                table: "OutreachWebhookEvents",
                column: "EventId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Campaigns_OutreachSegments_SegmentId",
                table: "Campaigns",
                column: "SegmentId",
                principalTable: "OutreachSegments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Campaigns_OutreachSegments_SegmentId",
                table: "Campaigns");

            migrationBuilder.DropTable(
                name: "OutreachSegments");

            migrationBuilder.DropTable(
                name: "OutreachWebhookEvents");

            migrationBuilder.DropIndex(
                name: "IX_Campaigns_SegmentId",
                table: "Campaigns");

            migrationBuilder.DropIndex(
                name: "IX_CampaignRuns_CampaignId_OccurrenceKey",
                table: "CampaignRuns");

            migrationBuilder.DropColumn(
                name: "Reason",
                table: "OutreachSuppressions");

            migrationBuilder.DropColumn(
                name: "BouncedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "ClickedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "DeliveredAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "OpenedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "SpamReportedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "UnsubscribedAt",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Cron",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "RecurrenceEndsAt",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "RecurrenceStartsAt",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "SegmentId",
                table: "Campaigns");

            migrationBuilder.DropColumn(
                name: "OccurrenceAt",
                table: "CampaignRuns");

            migrationBuilder.DropColumn(
                name: "OccurrenceKey",
                table: "CampaignRuns");

            migrationBuilder.CreateIndex(
                name: "IX_CampaignRuns_CampaignId",
                table: "CampaignRuns",
                column: "CampaignId",
                unique: true);
        }
    }
}
