using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DraftPaymentUnit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ReceivingUnitId",
                table: "PaymentOrders",
                type: "uuid",
                nullable: true);

            // The orders of drafts paid before this change: the unit their draft was paid to, while the draft exists.
            migrationBuilder.Sql(
                "UPDATE \"PaymentOrders\" SET \"ReceivingUnitId\" = (SELECT d.\"ReceivingUnitId\" FROM \"DossierDrafts\" AS d " +
                "WHERE d.\"Id\" = \"PaymentOrders\".\"DraftId\") WHERE \"DraftId\" IS NOT NULL;");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_ReceivingUnitId_State",
                table: "PaymentOrders",
                columns: new[] { "ReceivingUnitId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentOrders_ReceivingUnitId_State",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ReceivingUnitId",
                table: "PaymentOrders");
        }
    }
}
