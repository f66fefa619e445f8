using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DraftFeeExemptionAndDraftPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "DossierId",
                table: "PaymentOrders",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<Guid>(
                name: "DraftId",
                table: "PaymentOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExemptionGroup",
                table: "DossierDrafts",
                type: "TEXT",
                maxLength: 60,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExemptionReason",
                table: "DossierDrafts",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_DraftId",
                table: "PaymentOrders",
                column: "DraftId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentOrders_DraftId",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "DraftId",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ExemptionGroup",
                table: "DossierDrafts");

            migrationBuilder.DropColumn(
                name: "ExemptionReason",
                table: "DossierDrafts");

            migrationBuilder.AlterColumn<Guid>(
                name: "DossierId",
                table: "PaymentOrders",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
