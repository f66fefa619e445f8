using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CertifiedCopies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertifiedCopies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    DocumentName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Pages = table.Column<int>(type: "INTEGER", nullable: false),
                    Fee = table.Column<long>(type: "INTEGER", nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantIdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CertifierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CertifierName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CertifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScanFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CopyFileId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SignedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertifiedCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertifiedCopies_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CertifiedCopies_StoredFiles_CopyFileId",
                        column: x => x.CopyFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CertifiedCopies_StoredFiles_ScanFileId",
                        column: x => x.ScanFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedCopies_CopyFileId",
                table: "CertifiedCopies",
                column: "CopyFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedCopies_DossierId",
                table: "CertifiedCopies",
                column: "DossierId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedCopies_ScanFileId",
                table: "CertifiedCopies",
                column: "ScanFileId");

            migrationBuilder.CreateIndex(
                name: "IX_CertifiedCopies_UnitId_Year_Number",
                table: "CertifiedCopies",
                columns: new[] { "UnitId", "Year", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertifiedCopies");
        }
    }
}
