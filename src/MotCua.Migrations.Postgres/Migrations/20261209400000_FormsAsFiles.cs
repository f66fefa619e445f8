using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class FormsAsFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DossierFiles_DossierId",
                table: "DossierFiles");

            migrationBuilder.AddColumn<int>(
                name: "EventSequence",
                table: "DossierFiles",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Form",
                table: "DossierFiles",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_DossierFiles_DossierId_Form_EventSequence",
                table: "DossierFiles",
                columns: new[] { "DossierId", "Form", "EventSequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DossierFiles_DossierId_Form_EventSequence",
                table: "DossierFiles");

            migrationBuilder.DropColumn(
                name: "EventSequence",
                table: "DossierFiles");

            migrationBuilder.DropColumn(
                name: "Form",
                table: "DossierFiles");

            migrationBuilder.CreateIndex(
                name: "IX_DossierFiles_DossierId",
                table: "DossierFiles",
                column: "DossierId");
        }
    }
}
