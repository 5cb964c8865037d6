using Dashboard.Data;
using Dashboard.Situation.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Situation.Changes;

/// <summary>A new incident. The incident list follows it (<see cref="Live.IncidentCatalogue"/>); no picture applies it,
/// as a picture starts from its incident.</summary>
public sealed class CreateIncident(NewIncident incident, Actor actor) : SingleChange<CreateIncidentResult>
{
    public override ChangeKind Kind => ChangeKind.IncidentCreated;

    public override bool ChangesTheIncident => true;

    public override async Task<Decision<CreateIncidentResult>> DecideAsync(DashboardDbContext db, DateTimeOffset now)
    {
        if (await db.Incidents.AnyAsync(i => i.Slug == incident.Slug))
            return Unchanged(CreateIncidentResult.SlugTaken);
        var entity = new IncidentEntity
        {
            Slug = incident.Slug, Name = incident.Name, HostCountry = incident.HostCountry,
            TimeZone = incident.TimeZone, StartedAt = incident.StartedAt, Location = incident.Location,
            Latitude = incident.Latitude, Longitude = incident.Longitude,
        };
        db.Incidents.Add(entity);
        return new(CreateIncidentResult.Created, new ChangeEntity { Incident = entity },
            AuditEntryEntity.For(actor, now, "create incident", incident.Slug, $"Created '{incident.Name}' (host {incident.HostCountry})."));
    }

    public override bool AnotherWroteFirst(out CreateIncidentResult result)
    {
        result = CreateIncidentResult.SlugTaken; // another process created it first
        return true;
    }

    public override Task<LoggedChange?> ReadBackAsync(DashboardDbContext db, ChangeEntity row) => Task.FromResult<LoggedChange?>(null);
}
