using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Feedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AccessKeyHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CitizenAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    SenderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SenderPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SenderEmail = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SenderAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SenderIdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RaisedAgainOfId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClockStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RefuseDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstInfoRequestDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AnswerDueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishDueUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefusedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstInfoRequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    InfoRequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastTransferredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    TransferCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    MissedDeadlineAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefusalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    InfoRequest = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    PublishedTitle = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PublishedQuestion = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    PublishedAnswer = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    SearchKey = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SenderLiked = table.Column<bool>(type: "INTEGER", nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Feedback", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Feedback_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_Feedback_RaisedAgainOfId",
                        column: x => x.RaisedAgainOfId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Feedback_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackAttachments_Feedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FeedbackAttachments_StoredFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "StoredFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FeedbackEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ActorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StatusAfter = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FeedbackEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FeedbackEvents_Feedback_FeedbackId",
                        column: x => x.FeedbackId,
                        principalTable: "Feedback",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_CitizenAccountId",
                table: "Feedback",
                column: "CitizenAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Code",
                table: "Feedback",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_DossierId",
                table: "Feedback",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_ProcedureId",
                table: "Feedback",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_PublishedAtUtc",
                table: "Feedback",
                column: "PublishedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_RaisedAgainOfId",
                table: "Feedback",
                column: "RaisedAgainOfId");

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_Status_AnswerDueUtc",
                table: "Feedback",
                columns: new[] { "Status", "AnswerDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Feedback_UnitId_ReceivedAtUtc",
                table: "Feedback",
                columns: new[] { "UnitId", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackAttachments_FeedbackId",
                table: "FeedbackAttachments",
                column: "FeedbackId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackAttachments_FileId",
                table: "FeedbackAttachments",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_FeedbackEvents_FeedbackId_Sequence",
                table: "FeedbackEvents",
                columns: new[] { "FeedbackId", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FeedbackAttachments");

            migrationBuilder.DropTable(
                name: "FeedbackEvents");

            migrationBuilder.DropTable(
                name: "Feedback");
        }
    }
}
