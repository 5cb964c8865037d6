using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class FigureRangesAndRetractions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FigureIndex",
                table: "Changes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FigureRetractions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReportSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    FigureIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    RetractedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    RetractedAtUtcTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RetractedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureRetractions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FigureRetractions_Reports_ReportSequence",
                        column: x => x.ReportSequence,
                        principalTable: "Reports",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureRetractions_ReportSequence_FigureIndex",
                table: "FigureRetractions",
                columns: new[] { "ReportSequence", "FigureIndex" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureRetractions");

            migrationBuilder.DropColumn(
                name: "FigureIndex",
                table: "Changes");
        }
    }
}
