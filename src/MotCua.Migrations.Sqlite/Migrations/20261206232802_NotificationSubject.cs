using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NotificationSubject : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Dossiers_DossierId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_DossierId_CreatedAtUtc",
                table: "Notifications");

            migrationBuilder.RenameColumn(
                name: "DossierId",
                table: "Notifications",
                newName: "SubjectId");

            migrationBuilder.RenameColumn(
                name: "DossierEventId",
                table: "Notifications",
                newName: "EventId");

            migrationBuilder.RenameIndex(
                name: "IX_Notifications_DossierEventId_Channel",
                table: "Notifications",
                newName: "IX_Notifications_EventId_Channel");

            migrationBuilder.AddColumn<string>(
                name: "SubjectKind",
                table: "Notifications",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            // Every notification so far is about a dossier: its DossierId, renamed, is the subject's id.
            migrationBuilder.Sql("UPDATE \"Notifications\" SET \"SubjectKind\" = 'Dossier';");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_SubjectKind_SubjectId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "SubjectKind", "SubjectId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Notifications_SubjectKind_SubjectId_CreatedAtUtc",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "SubjectKind",
                table: "Notifications");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "Notifications",
                newName: "DossierId");

            migrationBuilder.RenameColumn(
                name: "EventId",
                table: "Notifications",
                newName: "DossierEventId");

            migrationBuilder.RenameIndex(
                name: "IX_Notifications_EventId_Channel",
                table: "Notifications",
                newName: "IX_Notifications_DossierEventId_Channel");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DossierId_CreatedAtUtc",
                table: "Notifications",
                columns: new[] { "DossierId", "CreatedAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Dossiers_DossierId",
                table: "Notifications",
                column: "DossierId",
                principalTable: "Dossiers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
