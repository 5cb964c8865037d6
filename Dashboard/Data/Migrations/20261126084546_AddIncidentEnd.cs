using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddIncidentEnd : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Changes_IncidentsCreated",
                table: "Changes");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EndedAt",
                table: "Incidents",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Changes_OfIncidents",
                table: "Changes",
                column: "Sequence",
                filter: "\"Kind\" IN ('IncidentCreated', 'IncidentEnded')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Changes_OfIncidents",
                table: "Changes");

            migrationBuilder.DropColumn(
                name: "EndedAt",
                table: "Incidents");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_IncidentsCreated",
                table: "Changes",
                column: "Sequence",
                filter: "\"Kind\" = 'IncidentCreated'");
        }
    }
}
