using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class IncidentSite : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Latitude",
                table: "Incidents",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "Longitude",
                table: "Incidents",
                type: "double precision",
                nullable: true);

            // The bundled incident seeded before incidents had a site gets its gas plant's position, as the seed now gives it.
            migrationBuilder.Sql("UPDATE \"Incidents\" SET \"Latitude\" = 27.899, \"Longitude\" = 9.129 WHERE \"Slug\" = 'in-amenas' AND \"Latitude\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Latitude",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Longitude",
                table: "Incidents");
        }
    }
}
