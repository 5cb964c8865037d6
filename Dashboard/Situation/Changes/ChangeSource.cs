using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>An Analyst merges a source record into another, renames it, or says whose word it relays.</summary>
public sealed class ChangeSource(Incident incident, SourceChange change, Actor actor) : PictureChange<SourceChangeResult, SourceRecordChanged>
{
    public override async Task<Decision<SourceChangeResult>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        async Task<SourceEntity?> RecordAsync(string name)
        {
            var key = SourceNames.KeyOf(name);
            var id = await db.SourceAliases.Where(a => a.IncidentId == incident.Id && a.Key == key).Select(a => (int?)a.SourceId).SingleOrDefaultAsync();
            return id is null ? null : await db.Sources.Include(s => s.Aliases).SingleAsync(s => s.Id == id);
        }
        if (await RecordAsync(change.Source) is not { } record)
            return Unchanged(SourceChangeResult.UnknownSource);
        string detail;
        switch (change)
        {
            case SourceChange.MergeInto merge:
                if (await RecordAsync(merge.Into) is not { } into)
                    return Unchanged(SourceChangeResult.UnknownTarget);
                if (into.Id == record.Id)
                    return Unchanged(SourceChangeResult.Unchanged);
                foreach (var alias in record.Aliases.ToList())
                    into.Aliases.Add(alias); // its names, and so its reports, are the other's from now on
                record.MergedIntoId = into.Id;
                if (into.RelaysId is null && record.RelaysId is { } relays && relays != into.Id)
                    into.RelaysId = relays;
                await MoveGradeAsync(db, record.Name, into.Name, keepTarget: true, now);
                detail = $"Merged source '{record.Name}' ({Vocabulary.WireName(record.Kind)}) into '{into.Name}' ({Vocabulary.WireName(into.Kind)}).";
                record = into;
                break;
            case SourceChange.Rename rename:
                var newKey = SourceNames.KeyOf(rename.Name);
                if (record.Name == rename.Name)
                    return Unchanged(SourceChangeResult.Unchanged);
                if (await RecordAsync(rename.Name) is { } holder && holder.Id != record.Id)
                    return Unchanged(SourceChangeResult.NameTaken);
                if (record.Aliases.All(a => a.Key != newKey))
                    db.SourceAliases.Add(new SourceAliasEntity { IncidentId = incident.Id, SourceId = record.Id, Key = newKey, Name = rename.Name });
                await MoveGradeAsync(db, record.Name, rename.Name, keepTarget: false, now);
                detail = $"Renamed source '{record.Name}' to '{rename.Name}'.";
                record.Name = rename.Name;
                break;
            case SourceChange.Relay relay:
                SourceEntity? originator = null;
                if (relay.Relays is { } name && (originator = await RecordAsync(name)) is null)
                    return Unchanged(SourceChangeResult.UnknownTarget);
                if (originator?.Id == record.Id || record.RelaysId == originator?.Id)
                    return Unchanged(SourceChangeResult.Unchanged);
                record.RelaysId = originator?.Id;
                detail = originator is null ? $"Source '{record.Name}' relays no other source." : $"Source '{record.Name}' relays '{originator.Name}'.";
                break;
            default:
                throw new InvalidOperationException($"Unknown source change {change.GetType().Name}");
        }
        return new(SourceChangeResult.Changed, new ChangeEntity { IncidentId = incident.Id, SourceId = record.Id },
            AuditEntryEntity.For(actor, now, "change source", incident.Slug, detail));
    }

    // A grade belongs to the record: it follows a rename, and a merge brings it when the record merged into has none.
    private async Task MoveGradeAsync(DashboardDbContext db, string from, string to, bool keepTarget, DateTimeOffset at)
    {
        var (fromKey, toKey) = (SourceGradeEntity.KeyOf(from), SourceGradeEntity.KeyOf(to));
        var old = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == incident.Id && g.SourceKey == fromKey);
        if (old?.Reliability is null || fromKey == toKey)
        {
            if (old is not null && fromKey == toKey)
                old.SourceName = to;
            return;
        }
        var target = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == incident.Id && g.SourceKey == toKey);
        if (target is null)
            db.SourceGrades.Add(new SourceGradeEntity { IncidentId = incident.Id, SourceKey = toKey, SourceName = to, Reliability = old.Reliability, GradedAt = at, GradedBy = actor.Name });
        else if (target.Reliability is null || !keepTarget)
            (target.Reliability, target.GradedAt, target.GradedBy) = (old.Reliability, at, actor.Name);
        old.Reliability = null;
    }

    protected override async Task<SourceRecordChanged> LoggedAsync(DashboardDbContext db, ChangeEntity row) =>
        new(row.Sequence, await SourceRecordChanged.RecordAsync(db, incident.Id, row.SourceId!.Value));
}

/// <summary>A source record changed (merged into, renamed, relaying): the record as it stands now, which is all a picture needs.</summary>
public sealed record SourceRecordChanged(long Sequence, SourceRecord Record) : LoggedChange(Sequence), ILoggedKind<SourceRecordChanged>
{
    public static ChangeKind Kind => ChangeKind.SourceChanged;

    internal override void ApplyTo(Live.IncidentPicture.Edit picture) => picture.Resource(Record);

    public override IEnumerable<string> ReportIds => [];

    public override DateTimeOffset? MadeAt => null;

    public static async Task<IEnumerable<SourceRecordChanged>> ReadAsync(LogReading reading, IReadOnlyList<LoggedRow> rows, CancellationToken cancellationToken)
    {
        var changed = new List<SourceRecordChanged>(rows.Count);
        foreach (var row in rows)
            changed.Add(new SourceRecordChanged(row.Sequence, await RecordAsync(reading.Db, reading.Incident.Id, row.SourceId!.Value, cancellationToken)));
        return changed;
    }

    /// <summary>A source record as it stands: its name, kind, every name it goes by, whose word it relays, and its grade.</summary>
    public static async Task<SourceRecord> RecordAsync(DashboardDbContext db, int incidentId, int sourceId, CancellationToken cancellationToken = default)
    {
        var record = await db.Sources.AsNoTracking().Where(s => s.Id == sourceId)
            .Select(s => new { s.Name, s.Kind, Aliases = s.Aliases.Select(a => a.Key).ToList(), Relays = s.Relays == null ? null : s.Relays.Name })
            .SingleAsync(cancellationToken);
        var key = SourceGradeEntity.KeyOf(record.Name);
        var reliability = await db.SourceGrades.AsNoTracking().Where(g => g.IncidentId == incidentId && g.SourceKey == key).Select(g => g.Reliability).SingleOrDefaultAsync(cancellationToken);
        return new SourceRecord(record.Name, record.Kind, record.Aliases, record.Relays, reliability);
    }
}
