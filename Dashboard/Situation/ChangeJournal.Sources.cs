using Dashboard.Situation.Changes;
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
        EnqueueAsync(new ChangeSource(incident, change, actor), cancellationToken);

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
}
