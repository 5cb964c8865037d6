using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddSourceGrading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Credibility",
                table: "Reports",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SourceGrades",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reliability = table.Column<string>(type: "TEXT", maxLength: 1, nullable: true),
                    GradedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    GradedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SourceGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SourceGrades_Incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "Incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            // SQLite adds a column that refers to another table in place when it may be null; EF would rebuild the whole
            // change log for the foreign key instead, outside any transaction (a crash then leaves it half done) and in
            // time proportional to the log.
            migrationBuilder.Sql("""ALTER TABLE "Changes" ADD COLUMN "SourceGradeId" INTEGER NULL REFERENCES "SourceGrades" ("Id") ON DELETE RESTRICT;""");

            migrationBuilder.CreateIndex(
                name: "IX_Changes_SourceGradeId",
                table: "Changes",
                column: "SourceGradeId");

            migrationBuilder.CreateIndex(
                name: "IX_SourceGrades_IncidentId_SourceKey",
                table: "SourceGrades",
                columns: new[] { "IncidentId", "SourceKey" },
                unique: true);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Changes_SourceGrades_SourceGradeId",
                table: "Changes");

            migrationBuilder.DropTable(
                name: "SourceGrades");

            migrationBuilder.DropIndex(
                name: "IX_Changes_SourceGradeId",
                table: "Changes");

            migrationBuilder.DropColumn(
                name: "Credibility",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "SourceGradeId",
                table: "Changes");
        }
    }
}
