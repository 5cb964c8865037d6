using Dashboard.Situation.Live;
using Dashboard.Data;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation;

public enum SourceChangeResult { Changed, Unchanged, UnknownSource, UnknownTarget, NameTaken }

/// <summary>What an Analyst does to a source record: merge it into another, rename it, or say whose word it relays.</summary>
public abstract record SourceChange(string Source)
{
    public sealed record MergeInto(string Source, string Into) : SourceChange(Source);
    public sealed record Rename(string Source, string Name) : SourceChange(Source);
    public sealed record Relay(string Source, string? Relays) : SourceChange(Source);
}

/// <summary>A report names a known source with another kind than the source's; nothing of its submission was written.</summary>
public sealed class SourceKindConflictException(IReadOnlyList<(int Report, string Message)> conflicts)
    : Exception(string.Join(" ", conflicts.Select(c => c.Message)))
{
    /// <summary>Each conflicting report, by its place in the submission, and what to say of it.</summary>
    public IReadOnlyList<(int Report, string Message)> Conflicts { get; } = conflicts;
}

// Sources as records: each report's source is found (or made) in the same transaction as the report, and merges,
// renames and relays are changes of their own in the log, audited, seen by every instance.
public sealed partial class ChangeJournal
{
    public Task<Committed<SourceChangeResult>> ChangeSourceAsync(Incident incident, SourceChange change, Actor actor, CancellationToken cancellationToken = default) =>
        EnqueueAsync(new SourceWork(incident, change, actor), cancellationToken);

    /// <summary>The incident's source records a commit's reports name, found by their folded names; records made for
    /// names seen for the first time are added to the context.</summary>
    private sealed class SourceRegister(DashboardDbContext db)
    {
        private readonly Dictionary<(int Incident, string Key), (string Name, SourceKind Kind)> _known = [];

        public async Task LoadAsync(IEnumerable<(int Incident, NewReport Report)> reports)
        {
            var wanted = reports.Select(r => (r.Incident, Key: SourceNames.KeyOf(r.Report.Source.Name))).Distinct().ToList();
            var incidents = wanted.Select(w => w.Incident).Distinct().ToList();
            var keys = wanted.Select(w => w.Key).Distinct().ToList();
            var found = await db.SourceAliases.AsNoTracking()
                .Where(a => incidents.Contains(a.IncidentId) && keys.Contains(a.Key))
                .Join(db.Sources, a => a.SourceId, s => s.Id, (a, s) => new { a.IncidentId, a.Key, s.Name, s.Kind })
                .ToListAsync();
            foreach (var alias in found)
                _known[(alias.IncidentId, alias.Key)] = (alias.Name, alias.Kind);
        }

        /// <summary>Why the report's source cannot be taken as given (a known source with another kind), or null.</summary>
        public string? Refusal(int incident, Source source) =>
            _known.TryGetValue((incident, SourceNames.KeyOf(source.Name)), out var record) && record.Kind != source.Kind
                ? $"'{source.Name}' is the source '{record.Name}', a {Vocabulary.WireName(record.Kind)} source: a report cannot make it {Vocabulary.WireName(source.Kind)}. Give its kind as {Vocabulary.WireName(record.Kind)}, or name another source."
                : null;

        /// <summary>Makes a record for a name seen for the first time.</summary>
        public void Note(int incident, Source source)
        {
            var key = SourceNames.KeyOf(source.Name);
            if (!_known.TryAdd((incident, key), (source.Name, source.Kind)))
                return;
            db.Sources.Add(new SourceEntity
            {
                IncidentId = incident, Name = source.Name, Kind = source.Kind,
                Aliases = [new SourceAliasEntity { IncidentId = incident, Key = key, Name = source.Name }],
            });
        }
    }

    private async Task CommitSourceChangeAsync(SourceWork work)
    {
        await using var db = _contexts.CreateDbContext();
        await using var transaction = await BeginAsync(db);
        var incidentId = work.Incident.Id;
        async Task<SourceEntity?> RecordAsync(string name)
        {
            var key = SourceNames.KeyOf(name);
            var id = await db.SourceAliases.Where(a => a.IncidentId == incidentId && a.Key == key).Select(a => (int?)a.SourceId).SingleOrDefaultAsync();
            return id is null ? null : await db.Sources.Include(s => s.Aliases).SingleAsync(s => s.Id == id);
        }
        if (await RecordAsync(work.Change.Source) is not { } record)
        {
            work.Answer(SourceChangeResult.UnknownSource, 0);
            return;
        }
        var at = _clock.GetUtcNow();
        string detail;
        switch (work.Change)
        {
            case SourceChange.MergeInto merge:
                if (await RecordAsync(merge.Into) is not { } into)
                {
                    work.Answer(SourceChangeResult.UnknownTarget, 0);
                    return;
                }
                if (into.Id == record.Id)
                {
                    work.Answer(SourceChangeResult.Unchanged, 0);
                    return;
                }
                foreach (var alias in record.Aliases.ToList())
                    into.Aliases.Add(alias); // its names, and so its reports, are the other's from now on
                record.MergedIntoId = into.Id;
                if (into.RelaysId is null && record.RelaysId is { } relays && relays != into.Id)
                    into.RelaysId = relays;
                await MoveGradeAsync(db, incidentId, record.Name, into.Name, keepTarget: true, at, work.Actor);
                detail = $"Merged source '{record.Name}' ({Vocabulary.WireName(record.Kind)}) into '{into.Name}' ({Vocabulary.WireName(into.Kind)}).";
                record = into;
                break;
            case SourceChange.Rename rename:
                var newKey = SourceNames.KeyOf(rename.Name);
                if (record.Name == rename.Name)
                {
                    work.Answer(SourceChangeResult.Unchanged, 0);
                    return;
                }
                if (await RecordAsync(rename.Name) is { } holder && holder.Id != record.Id)
                {
                    work.Answer(SourceChangeResult.NameTaken, 0);
                    return;
                }
                if (record.Aliases.All(a => a.Key != newKey))
                    db.SourceAliases.Add(new SourceAliasEntity { IncidentId = incidentId, SourceId = record.Id, Key = newKey, Name = rename.Name });
                await MoveGradeAsync(db, incidentId, record.Name, rename.Name, keepTarget: false, at, work.Actor);
                detail = $"Renamed source '{record.Name}' to '{rename.Name}'.";
                record.Name = rename.Name;
                break;
            case SourceChange.Relay relay:
                SourceEntity? originator = null;
                if (relay.Relays is { } name && (originator = await RecordAsync(name)) is null)
                {
                    work.Answer(SourceChangeResult.UnknownTarget, 0);
                    return;
                }
                if (originator?.Id == record.Id || record.RelaysId == originator?.Id)
                {
                    work.Answer(SourceChangeResult.Unchanged, 0);
                    return;
                }
                record.RelaysId = originator?.Id;
                detail = originator is null ? $"Source '{record.Name}' relays no other source." : $"Source '{record.Name}' relays '{originator.Name}'.";
                break;
            default:
                throw new InvalidOperationException($"Unknown source change {work.Change.GetType().Name}");
        }
        var lastBefore = await LastChangesAsync(db, [incidentId]);
        var change = new ChangeEntity { Kind = ChangeKind.SourceChanged, IncidentId = incidentId, SourceId = record.Id };
        db.Changes.Add(change);
        db.Audit.Add(AuditEntryEntity.For(work.Actor, at, "change source", work.Incident.Slug, detail));
        await db.SaveChangesAsync();
        var notice = new ChangeNotice(new HashSet<int> { incidentId }, IncidentsChanged: false);
        await AnnounceAndCommitAsync(db, transaction, notice);
        var logged = await ChangeLog.SourceRecordAsync(db, incidentId, record.Id);
        _signal.Raise(notice with { Runs = [new CommittedRun(incidentId, lastBefore.GetValueOrDefault(incidentId), [new SourceRecordChanged(change.Sequence, logged)])] });
        work.Answer(SourceChangeResult.Changed, change.Sequence);
    }

    // A grade belongs to the record: it follows a rename, and a merge brings it when the record merged into has none.
    private static async Task MoveGradeAsync(DashboardDbContext db, int incidentId, string from, string to, bool keepTarget, DateTimeOffset at, Actor actor)
    {
        var (fromKey, toKey) = (SourceGradeEntity.KeyOf(from), SourceGradeEntity.KeyOf(to));
        var old = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == incidentId && g.SourceKey == fromKey);
        if (old?.Reliability is null || fromKey == toKey)
        {
            if (old is not null && fromKey == toKey)
                old.SourceName = to;
            return;
        }
        var target = await db.SourceGrades.SingleOrDefaultAsync(g => g.IncidentId == incidentId && g.SourceKey == toKey);
        if (target is null)
            db.SourceGrades.Add(new SourceGradeEntity { IncidentId = incidentId, SourceKey = toKey, SourceName = to, Reliability = old.Reliability, GradedAt = at, GradedBy = actor.Name });
        else if (target.Reliability is null || !keepTarget)
            (target.Reliability, target.GradedAt, target.GradedBy) = (old.Reliability, at, actor.Name);
        old.Reliability = null;
    }

    private sealed class SourceWork(Incident incident, SourceChange change, Actor actor) : Work<SourceChangeResult>
    {
        public Incident Incident { get; } = incident;
        public SourceChange Change { get; } = change;
        public Actor Actor { get; } = actor;
    }
}
