using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class StagedImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StagedReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Import = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    StagedAtUtcTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ReportedAtUtcTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Statement = table.Column<string>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", nullable: true),
                    Credibility = table.Column<int>(type: "INTEGER", nullable: true),
                    Event = table.Column<string>(type: "TEXT", nullable: true),
                    Figures = table.Column<string>(type: "TEXT", nullable: true),
                    People = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StagedReports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StagedReports_Import_Position",
                table: "StagedReports",
                columns: new[] { "Import", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_StagedReports_StagedAtUtcTicks",
                table: "StagedReports",
                column: "StagedAtUtcTicks");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StagedReports");
        }
    }
}
