using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PaymentReceiptsAndRefunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ReceiptIssuedAtUtc",
                table: "PaymentOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceiptNumber",
                table: "PaymentOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReceiptUnitId",
                table: "PaymentOrders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReceiptYear",
                table: "PaymentOrders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefundMethod",
                table: "PaymentOrders",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefundReference",
                table: "PaymentOrders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentOrders_ReceiptUnitId_ReceiptYear_ReceiptNumber",
                table: "PaymentOrders",
                columns: new[] { "ReceiptUnitId", "ReceiptYear", "ReceiptNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentOrders_ReceiptUnitId_ReceiptYear_ReceiptNumber",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ReceiptIssuedAtUtc",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ReceiptNumber",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ReceiptUnitId",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "ReceiptYear",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "RefundMethod",
                table: "PaymentOrders");

            migrationBuilder.DropColumn(
                name: "RefundReference",
                table: "PaymentOrders");
        }
    }
}
