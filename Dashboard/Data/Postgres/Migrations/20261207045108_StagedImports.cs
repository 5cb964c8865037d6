using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Dashboard.Data.Postgres.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Import = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    StagedAtUtcTicks = table.Column<long>(type: "bigint", nullable: false),
                    ReportId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IncidentId = table.Column<int>(type: "integer", nullable: false),
                    ReportedAt = table.Column<string>(type: "character varying(48)", nullable: false),
                    ReportedAtUtcTicks = table.Column<long>(type: "bigint", nullable: false),
                    SourceName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SourceKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Statement = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: true),
                    Credibility = table.Column<int>(type: "integer", nullable: true),
                    Event = table.Column<string>(type: "jsonb", nullable: true),
                    Figures = table.Column<string>(type: "jsonb", nullable: true),
                    People = table.Column<string>(type: "jsonb", nullable: true)
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
