using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MotCua.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PopulationData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "Applicant_BirthDate",
                table: "Dossiers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IdentityCheck",
                table: "Dossiers",
                type: "TEXT",
                maxLength: 40,
                nullable: false,
                defaultValue: "None");

            // How identity was checked, for the dossiers before it was recorded (docs/adr/0033c): an online submission
            // marked verified came from a VNeID-verified account; a desk tick did not say how, and is never sent as VNeID.
            migrationBuilder.Sql("UPDATE \"Dossiers\" SET \"IdentityCheck\" = CASE WHEN \"Channel\" = 'Online' THEN 'ElectronicIdentity' ELSE 'Unrecorded' END WHERE \"IdentityVerified\" = 1;");

            migrationBuilder.AddColumn<bool>(
                name: "FromPopulationDatabase",
                table: "DossierComponents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "PopulationVerifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IdNumber = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Residence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PopulationVerifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PopulationVerifications_ExpiresAtUtc",
                table: "PopulationVerifications",
                column: "ExpiresAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PopulationVerifications");

            migrationBuilder.DropColumn(
                name: "Applicant_BirthDate",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "IdentityCheck",
                table: "Dossiers");

            migrationBuilder.DropColumn(
                name: "FromPopulationDatabase",
                table: "DossierComponents");
        }
    }
}
