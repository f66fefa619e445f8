using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Postgres.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AccessKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Channel = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    CitizenAccountId = table.Column<Guid>(type: "uuid", nullable: true),
                    SenderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SenderPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    SenderEmail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SenderAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    SenderIdNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    DossierId = table.Column<Guid>(type: "uuid", nullable: true),
                    DossierCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedAgainOfId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClockStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RefuseDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstInfoRequestDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AnswerDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RefusedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstInfoRequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InfoRequestedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastTransferredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TransferCount = table.Column<int>(type: "integer", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MissedDeadlineAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    InfoRequest = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Answer = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    PublishedTitle = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PublishedQuestion = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    PublishedAnswer = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    SearchKey = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SenderLiked = table.Column<bool>(type: "boolean", nullable: true),
                    RatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FeedbackId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Operation = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActorRole = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Reason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StatusAfter = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
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
