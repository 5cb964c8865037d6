using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Changes",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    LastReportSequence = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Changes", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_Changes_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Changes_Reports_LastReportSequence",
                        column: x => x.LastReportSequence,
                        principalTable: "Reports",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Changes_Reports_ReportSequence",
                        column: x => x.ReportSequence,
                        principalTable: "Reports",
                        principalColumn: "Sequence",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_IncidentId_Sequence",
                table: "Changes",
                columns: new[] { "IncidentId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_Changes_IncidentsCreated",
                table: "Changes",
                column: "Sequence",
                filter: "\"Kind\" = 'IncidentCreated'");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_LastReportSequence",
                table: "Changes",
                column: "LastReportSequence");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_ReportSequence",
                table: "Changes",
                column: "ReportSequence");

            // The log of a database written before it: every incident, then every report in the order stored, then
            // every retraction. A live picture built from it is the one the old code built from the tables.
            migrationBuilder.Sql(@"
                INSERT INTO ""Changes"" (""Kind"", ""IncidentId"", ""ReportSequence"", ""LastReportSequence"")
                SELECT 'IncidentCreated', ""Id"", NULL, NULL FROM ""Incidents"" ORDER BY ""Id"";
                INSERT INTO ""Changes"" (""Kind"", ""IncidentId"", ""ReportSequence"", ""LastReportSequence"")
                SELECT 'ReportStored', ""IncidentId"", ""Sequence"", ""Sequence"" FROM ""Reports"" ORDER BY ""Sequence"";
                INSERT INTO ""Changes"" (""Kind"", ""IncidentId"", ""ReportSequence"", ""LastReportSequence"")
                SELECT 'ReportRetracted', r.""IncidentId"", x.""ReportSequence"", NULL
                FROM ""Retractions"" x JOIN ""Reports"" r ON r.""Sequence"" = x.""ReportSequence"" ORDER BY x.""Id"";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Changes");
        }
    }
}
