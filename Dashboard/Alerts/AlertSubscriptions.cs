using System.Security.Cryptography;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Dashboard.Situation.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Dashboard.Alerts;

/// <summary>The answer to a new subscription: made (with a webhook's secret, shown this once), or refused with each problem.</summary>
public sealed record SubscriptionMade(Subscription? Made, string? Secret, ValidationErrors Problems);

/// <summary>Who is told of what: subscriptions made, listed and ended, each audited. Owners see theirs; Admins see all.</summary>
public sealed class AlertSubscriptions(IDbContextFactory<DashboardDbContext> contexts, IncidentCatalogue catalogue,
    IOptionsMonitor<AlertSettings> settings, TimeProvider clock)
{
    public const string SecretPrefix = "whsec_";

    public async Task<IReadOnlyList<Subscription>> ListAsync(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Subscriptions.AsNoTracking()
            .Where(s => s.DeletedAtUtcTicks == null && (subscriber.IsAdmin || s.Owner == subscriber.Name))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToModel())];
    }

    /// <summary>Every active subscription, for the alerts' reader.</summary>
    public async Task<IReadOnlyList<Subscription>> ActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Subscriptions.AsNoTracking().Where(s => s.DeletedAtUtcTicks == null).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToModel())];
    }

    public async Task<SubscriptionMade> CreateAsync(SubscriptionSubmission submission, Subscriber subscriber, Actor actor, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors();
        var known = submission.Incident is { } slug && await catalogue.FindAsync(slug, cancellationToken) is not null;
        var now = clock.GetUtcNow();
        if (SubscriptionRules.Check(submission, subscriber, settings.CurrentValue, known, now, errors) is not { } subscription)
            return new(null, null, errors);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Subscriptions.CountAsync(s => s.Owner == subscriber.Name && s.DeletedAtUtcTicks == null, cancellationToken) >= SubscriptionRules.MostPerOwner)
        {
            errors.Add("owner", $"{subscriber.Name} already holds {SubscriptionRules.MostPerOwner} subscriptions, the most one owner may: end some first.");
            return new(null, null, errors);
        }
        var secret = subscription.Channel == AlertChannel.Webhook ? SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        var row = new SubscriptionEntity
        {
            Owner = subscription.Owner, Incident = subscription.Incident,
            Countries = SubscriptionRows.Join(subscription.Countries.Order(), c => c),
            Groups = SubscriptionRows.Join(subscription.Groups, Vocabulary.WireName),
            Statuses = SubscriptionRows.Join(subscription.Statuses, Vocabulary.WireName),
            Changes = SubscriptionRows.Join(subscription.Changes, AlertWords.Wire),
            Channel = Vocabulary.WireName(subscription.Channel), Target = subscription.Target, Secret = secret, Names = subscription.Names,
            Language = subscription.Language, CreatedAtUtcTicks = now.UtcTicks,
        };
        // Its audit entry names its id: both in one transaction, or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Subscriptions.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        db.Audit.Add(AuditEntryEntity.For(actor, now, "subscription created", subscription.Incident, Describe(row)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(row.ToModel(), secret, errors);
    }

    /// <summary>Ends a subscription of the subscriber's (any, for an Admin); false when there is none such.</summary>
    public async Task<bool> DeleteAsync(long id, Subscriber subscriber, Actor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.DeletedAtUtcTicks == null, cancellationToken);
        if (row is null || !subscriber.IsAdmin && row.Owner != subscriber.Name)
            return false;
        var now = clock.GetUtcNow();
        row.DeletedAtUtcTicks = now.UtcTicks;
        db.Audit.Add(AuditEntryEntity.For(actor, now, "subscription ended", row.Incident, Describe(row)));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    // The audit says what the subscription follows and where it goes, never its secret.
    private static string Describe(SubscriptionEntity row) =>
        $"#{row.Id} for {row.Owner}: {row.Incident ?? "every incident"}; countries {Or(row.Countries)}; groups {Or(row.Groups)}; statuses {Or(row.Statuses)}; "
        + $"changes {Or(row.Changes)}; by {row.Channel}{(row.Target is null ? "" : $" to {row.Target}")}{(row.Names ? "; with names" : "")}";

    private static string Or(string list) => list.Length == 0 ? "all" : list;
}
