using Dashboard.Situation.Ingestion;

namespace Dashboard.Situation.Changes;

/// <summary>
/// An import's staged reports committed: stored like <see cref="StoreReports"/> (the log row is a
/// <see cref="ReportsStored"/> run), but copied from the staging table in one statement in a turn of its own.
/// </summary>
public sealed class CommitImport(string import, Incident incident, IReadOnlyList<NewReport> reports, Actor actor) : JournalWork<ImportCounts>
{
    public string Import { get; } = import;
    public Incident Incident { get; } = incident;
    public IReadOnlyList<NewReport> Reports { get; } = reports;
    public Actor Actor { get; } = actor;

    internal override Task CommitAloneAsync(ChangeJournal journal) => journal.CommitImportAsync(this);
}

/// <summary>A chunk of an import's reports written to the staging table: no change to anything screens show.</summary>
public sealed class StageImport(IReadOnlyList<Data.StagedReportEntity> rows) : JournalWork<int>
{
    public IReadOnlyList<Data.StagedReportEntity> Rows { get; } = rows;

    internal override Task CommitAloneAsync(ChangeJournal journal) => journal.StageChunkAsync(this);
}
