using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PortalReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers",
                columns: new[] { "CitizenAccountId", "SubmittedAtUtc" },
                filter: "\"CitizenAccountId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDocuments_OwnerIdNumber_AddedAtUtc_Id",
                table: "CitizenDocuments",
                columns: new[] { "OwnerIdNumber", "AddedAtUtc", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_CitizenDocuments_OwnerIdNumber_AddedAtUtc_Id",
                table: "CitizenDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers",
                columns: new[] { "CitizenAccountId", "SubmittedAtUtc" });
        }
    }
}
