using System.Runtime.CompilerServices;
using Dashboard.Data;
using Dashboard.Situation.Changes;

namespace Dashboard.Tests.Architecture;

/// <summary>A change kind is one type: every kind the log stores is written by exactly one kind of work and, where a
/// picture applies it, read back by exactly one logged kind.</summary>
public class ChangeKindTests
{
    private static readonly Type[] Works = typeof(JournalWork).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(JournalWork))).ToArray();

    [Fact]
    public void Every_kind_of_change_the_log_stores_is_written_by_exactly_one_kind_of_work()
    {
        Assert.NotEmpty(Works);

        // Stored reports have two ways in: many writers' group commit, and an import's own short turn.
        var reports = new[] { typeof(StoreReports), typeof(CommitImport) };
        // The kind a work writes is an instance member; reading it needs no request. Staging an import's chunk writes
        // no log row: nothing screens show changes until the import commits.
        var written = Works.Except(reports).Except([typeof(StageImport)])
            .Select(t => (ChangeKind)t.GetProperty(nameof(SingleChange<int>.Kind))!.GetValue(RuntimeHelpers.GetUninitializedObject(t))!)
            .Append(ChangeKind.ReportStored).ToArray();

        Assert.Equal(Enum.GetValues<ChangeKind>().Order(), written.Order());
        Assert.All(reports, t => Assert.Contains(t, Works));
    }

    [Fact]
    public void Every_kind_a_picture_applies_is_read_back_by_exactly_one_logged_kind()
    {
        // The incident's creation is the incident list's; a picture starts from its incident.
        Assert.Equal(Enum.GetValues<ChangeKind>().Except([ChangeKind.IncidentCreated]).Order(), LoggedKinds.Read.Order());
    }
}
