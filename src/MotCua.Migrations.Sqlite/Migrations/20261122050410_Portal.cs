using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Portal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssistedById",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssistedByName",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CitizenAccountId",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubmissionKey",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CitizenDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerIdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ComponentCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    SourceDossierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SourceDossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DocumentNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CitizenDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CitizenDocuments_StoredFiles_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DossierDrafts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProcedureVersionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivingUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Assisted = table.Column<bool>(type: "INTEGER", nullable: false),
                    ApplicantName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ApplicantIdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ApplicantPhone = table.Column<string>(type: "TEXT", maxLength: 15, nullable: true),
                    ApplicantEmail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApplicantAddress = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    FormData = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedDossierId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierDrafts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierDrafts_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionRatings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Liked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatisfactionRatings_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DossierDraftFile",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DraftId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ComponentCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    StoredFileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FromDocumentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierDraftFile", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierDraftFile_DossierDrafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "DossierDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DossierDraftFile_StoredFiles_StoredFileId",
                        column: x => x.StoredFileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers",
                columns: new[] { "CitizenAccountId", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Dossiers_SubmissionKey",
                table: "Dossiers",
                column: "SubmissionKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDocuments_OwnerIdNumber_ComponentCode",
                table: "CitizenDocuments",
                columns: new[] { "OwnerIdNumber", "ComponentCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDocuments_OwnerIdNumber_StoredFileId",
                table: "CitizenDocuments",
                columns: new[] { "OwnerIdNumber", "StoredFileId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDocuments_StoredFileId",
                table: "CitizenDocuments",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierDraftFile_DraftId",
                table: "DossierDraftFile",
                column: "DraftId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierDraftFile_StoredFileId",
                table: "DossierDraftFile",
                column: "StoredFileId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierDrafts_AccountId_UpdatedAtUtc",
                table: "DossierDrafts",
                columns: new[] { "AccountId", "UpdatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRatings_DossierId",
                table: "SatisfactionRatings",
                column: "DossierId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CitizenDocuments");

            migrationBuilder.DropTable(
                name: "DossierDraftFile");

            migrationBuilder.DropTable(
                name: "SatisfactionRatings");

            migrationBuilder.DropTable(
                name: "DossierDrafts");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_CitizenAccountId_SubmittedAtUtc",
                table: "Dossiers");

            migrationBuilder.DropIndex(
                name: "IX_Dossiers_SubmissionKey",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "AssistedById",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "AssistedByName",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "CitizenAccountId",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "SubmissionKey",
                table: "Dossiers");
        }
    }
}
