using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Dashboard.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class StatementTranslations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "StatementTranslations",
                table: "StagedReports",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatementTranslations",
                table: "Reports",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "StatementTranslations",
                table: "StagedReports");

            migrationBuilder.DropColumn(
                name: "StatementTranslations",
                table: "Reports");
        }
    }
}
