using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>
/// A situation report issued under the number it was made with: stored with its change and audit entry, or refused
/// when that number has been taken since (the issuer makes it again under the next).
/// </summary>
public sealed class IssueSitrep(Incident incident, IssuedSitrepEntity sitrep, Actor actor) : PictureChange<IssueResult, SitrepIssued>
{
    public override async Task<Decision<IssueResult>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        if (await db.IssuedSitreps.AnyAsync(s => s.IncidentId == incident.Id && s.Number == sitrep.Number))
            return Unchanged(IssueResult.NumberTaken);
        sitrep.IncidentId = incident.Id;
        db.IssuedSitreps.Add(sitrep);
        return new(IssueResult.Issued, new ChangeEntity { IncidentId = incident.Id },
            AuditEntryEntity.For(actor, now, "issue sitrep", incident.Slug,
                $"Issued SITREP {sitrep.Number} as of {sitrep.AsOf:yyyy-MM-dd HH:mm zzz}{(sitrep.Countries.Length > 0 ? $" for {sitrep.Countries}" : "")}{(sitrep.Marking is { } m ? $", marked {m}" : "")} (sha256 {sitrep.Sha256})."));
    }

    // Another instance took the number in between: made again under the next.
    public override bool AnotherWroteFirst(out IssueResult result)
    {
        result = IssueResult.NumberTaken;
        return true;
    }

    protected override Task<SitrepIssued> LoggedAsync(DashboardDbContext db, ChangeEntity row) => Task.FromResult(new SitrepIssued(row.Sequence));
}

/// <summary>A report was issued: no figure moves, but every instance's screens that list issued reports follow it.</summary>
public sealed record SitrepIssued(long Sequence) : LoggedChange(Sequence), ILoggedKind<SitrepIssued>
{
    public static ChangeKind Kind => ChangeKind.SitrepIssued;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) { }

    public override IEnumerable<string> ReportIds => [];

    public override DateTimeOffset? MadeAt => null;

    public static Task<IEnumerable<SitrepIssued>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken) =>
        Task.FromResult(rows.Select(row => new SitrepIssued(row.Sequence)));
}
