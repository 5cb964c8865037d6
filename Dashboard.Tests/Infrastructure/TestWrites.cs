using Dashboard.Situation;
using Dashboard.Situation.Ingestion;

namespace Dashboard.Tests.Infrastructure;

/// <summary>Writes made by tests directly through the service, recorded in the audit trail as the test's own.</summary>
public static class TestWrites
{
    public static readonly Actor Tester = new("test", "127.0.0.1");

    public static Task<IReadOnlyList<WriteOutcome>> SubmitAsync(this SituationService situation, Incident incident, IReadOnlyList<NewReport> reports) =>
        situation.SubmitAsync(incident, reports, Tester);

    public static Task<CreateIncidentResult> CreateIncidentAsync(this SituationService situation, NewIncident incident) =>
        situation.CreateIncidentAsync(incident, Tester);

    public static Task<(RetractResult Result, Retraction? Retraction)> RetractAsync(this SituationService situation, Incident incident, string reportId, string reason, string by) =>
        situation.RetractAsync(incident, reportId, reason, new Actor(by, null));
}
