using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentOrders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "PaymentOrderId",
                table: "DossierPayments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PaymentOrders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierCode = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TxnRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrderInfo = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    MerchantCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    GatewayTransactionNo = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BankCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    GatewayResponseCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    CitizenAccountId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PaidAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SettledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundDueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundDueBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefundReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RefundedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RefundedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentOrders_Dossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "Dossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DossierPayments_PaymentOrderId",
                table: "DossierPayments",
                column: "PaymentOrderId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_DossierId_State",
                table: "PaymentOrders",
                columns: new[] { "DossierId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_State_CreatedAtUtc",
                table: "PaymentOrders",
                columns: new[] { "State", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_TxnRef",
                table: "PaymentOrders",
                column: "TxnRef",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentOrders");

            migrationBuilder.DropIndex(
                name: "IX_DossierPayments_PaymentOrderId",
                table: "DossierPayments");

            migrationBuilder.DropColumn(
                name: "PaymentOrderId",
                table: "DossierPayments");
        }
    }
}
