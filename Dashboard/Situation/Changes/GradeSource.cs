using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>An Analyst grades a source of the incident (reliability A–F, or null for ungraded); its row holds the latest grade.</summary>
public sealed class GradeSource(Incident incident, string sourceName, string? reliability, Actor actor) : PictureChange<GradeResult, SourceGraded>
{
    public override async Task<Decision<GradeResult>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        var key = SourceGradeEntity.KeyOf(sourceName);
        var grade = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == incident.Id && g.SourceKey == key);
        if (grade?.Reliability == reliability)
            return Unchanged(GradeResult.Unchanged);
        var was = grade?.Reliability;
        if (grade is null)
            db.SourceGrades.Add(grade = new SourceGradeEntity { IncidentId = incident.Id, SourceKey = key, SourceName = sourceName, GradedBy = actor.Name });
        (grade.SourceName, grade.Reliability, grade.GradedAt, grade.GradedBy) = (sourceName, reliability, now, actor.Name);
        return new(GradeResult.Graded,
            new ChangeEntity { IncidentId = incident.Id, SourceGrade = grade },
            AuditEntryEntity.For(actor, now, "grade source", incident.Slug, $"Graded source '{sourceName}' {GradeWords(reliability)}, was {GradeWords(was)}."));
    }

    // The audit log is the app's own record, in English whatever language the grader reads.
    private static string GradeWords(string? reliability) => reliability is null ? Admiralty.Ungraded
        : Localization.Languages.In(Localization.Languages.Default, () => $"{reliability} ({Admiralty.ReliabilityWords(reliability)})");

    protected override Task<SourceGraded> LoggedAsync(DashboardDbContext db, ChangeEntity row) =>
        Task.FromResult(new SourceGraded(row.Sequence, sourceName, reliability));
}

/// <summary>A source of the incident was graded: its reliability from now on (null: ungraded).</summary>
public sealed record SourceGraded(long Sequence, string SourceName, string? Reliability) : LoggedChange(Sequence), ILoggedKind<SourceGraded>
{
    public static ChangeKind Kind => ChangeKind.SourceGraded;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) => picture.Grade(SourceName, Reliability);

    public override IEnumerable<string> ReportIds => [];

    public override DateTimeOffset? MadeAt => null;

    // As for an end: the grade's row holds the latest word, which is all a picture needs.
    public static Task<IEnumerable<SourceGraded>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken) =>
        Task.FromResult(rows.Select(row => new SourceGraded(row.Sequence, row.GradedSource!, row.Reliability)));
}
