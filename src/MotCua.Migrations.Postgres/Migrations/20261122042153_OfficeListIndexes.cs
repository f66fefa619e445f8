using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class OfficeListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_AssigneeId_Status_DueAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "AssigneeId", "Status", "DueAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_DeskActions_DueAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "DueAtUtc", "Id" },
                filter: "\"Status\" IN ('Submitted', 'Received', 'Decided')");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Open_DueAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "DueAtUtc", "Id" },
                filter: "\"Status\" IN ('Received', 'InProgress', 'SupplementRequested', 'AwaitingFinancialObligation')");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Status_DueAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "Status", "DueAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Status_ProcessingEndedAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "Status", "ProcessingEndedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_Submitted_SubmittedAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "SubmittedAtUtc", "Id" },
                filter: "\"Status\" = 'Submitted'");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_SubmittedAtUtc_Id",
                table: "Dossiers",
                columns: new[] { "SubmittedAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_AssigneeId_Status_DueAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_DeskActions_DueAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Open_DueAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Status_DueAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Status_ProcessingEndedAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_Submitted_SubmittedAtUtc_Id",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_SubmittedAtUtc_Id",
                table: "Dossiers");
        }
    }
}
