using Dashboard.Situation.Live;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Dashboard.Data;
using Dashboard.Situation;
using Microsoft.EntityFrameworkCore;

namespace Dashboard.Access;

/// <summary>An issued credential as Admins see it: never the secret.</summary>
public sealed record CredentialInfo(long Id, CredentialKind Kind, string Name, string Hint, DateTimeOffset CreatedAt, string CreatedBy,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt, string? RevokedBy, IReadOnlyList<string>? Incidents)
{
    public bool IsActive => RevokedAt is null;

    internal static CredentialInfo From(CredentialEntity e) =>
        new(e.Id, e.Kind, e.Name, e.Hint, e.CreatedAt, e.CreatedBy, e.LastUsedAt, e.RevokedAt, e.RevokedBy, IncidentsOf(e.Incidents));

    internal static IReadOnlyList<string>? IncidentsOf(string? stored) =>
        stored is null ? null : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// API keys and wall display tokens issued in the app. Secrets are random, shown once and stored as SHA-256 hashes;
/// the active ones are kept in memory so checking a key costs no query, and a revocation takes effect at once.
/// </summary>
public sealed class CredentialStore : IDisposable
{
    private readonly IDbContextFactory<DashboardDbContext> contexts;
    private readonly TimeProvider clock;
    private readonly IChangeSignal _signal;
    private readonly IDisposable _listening;

    public CredentialStore(IDbContextFactory<DashboardDbContext> contexts, TimeProvider clock, IChangeSignal signal)
    {
        (this.contexts, this.clock, _signal) = (contexts, clock, signal);
        // Issued or revoked by another instance: read the active ones again, so a revoked key is refused here too.
        _listening = signal.Listen(notice =>
        {
            if (notice.AccessChanged)
                Forget();
        });
    }

    // Last-used times are saved at most this often per credential: a busy ingest key must not add a write per report.
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private ConcurrentDictionary<string, ActiveCredential>? _active;
    private int _generation;

    private sealed class ActiveCredential(CredentialEntity entity)
    {
        public long Id { get; } = entity.Id;
        public CredentialKind Kind { get; } = entity.Kind;
        public string Name { get; } = entity.Name;
        public IReadOnlyList<string>? Incidents { get; } = CredentialInfo.IncidentsOf(entity.Incidents);
        public long LastSavedUseTicks = entity.LastUsedAt?.UtcTicks ?? 0;
    }

    public async Task<IReadOnlyList<CredentialInfo>> ListAsync(CredentialKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entities = await db.Credentials.AsNoTracking().Where(c => c.Kind == kind).OrderByDescending(c => c.Id).ToListAsync(cancellationToken);
        return entities.Select(CredentialInfo.From).ToArray();
    }

    /// <summary>Creates a credential and returns its secret, which is not kept and cannot be shown again.</summary>
    /// <param name="incidents">For a wall token, the incidents it may show (slugs); null or empty for every incident.</param>
    public async Task<(CredentialInfo Credential, string Secret)> IssueAsync(CredentialKind kind, string name, Actor by,
        IReadOnlyCollection<string>? incidents = null, CancellationToken cancellationToken = default)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new ArgumentException("A name of 1 to 100 characters is needed.", nameof(name));
        var secret = (kind == CredentialKind.ApiKey ? "sdk_" : "sdw_") + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var entity = new CredentialEntity
        {
            Kind = kind, Name = name, SecretHash = Hash(secret), Hint = secret[..10],
            CreatedAt = clock.GetUtcNow(), CreatedBy = by.Name,
            Incidents = kind == CredentialKind.WallToken && incidents is { Count: > 0 } ? string.Join(' ', incidents.Distinct(StringComparer.Ordinal)) : null,
        };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.Credentials.Add(entity);
            db.Audit.Add(AuditEntryEntity.For(by, entity.CreatedAt, $"issue {Describe(kind)}", null,
                $"Issued {Describe(kind)} '{name}' ({entity.Hint}…){(entity.Incidents is { } only ? $" for {only} only" : "")}."));
            await SaveAndAnnounceAsync(db, cancellationToken);
        }
        // Read again once committed: a list read while this committed (another instance's notice) would lack it.
        Forget();
        return (CredentialInfo.From(entity), secret);
    }

    /// <summary>Revokes a credential at once; false when there is no such active credential.</summary>
    public async Task<bool> RevokeAsync(long id, Actor by, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Credentials.FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken) is not { } entity)
            return false;
        entity.RevokedAt = clock.GetUtcNow();
        entity.RevokedBy = by.Name;
        db.Audit.Add(AuditEntryEntity.For(by, entity.RevokedAt.Value, $"revoke {Describe(entity.Kind)}", null, $"Revoked {Describe(entity.Kind)} '{entity.Name}' ({entity.Hint}…)."));
        await SaveAndAnnounceAsync(db, cancellationToken);
        // Not an edit of the list held now: one read while this committed (another instance's notice came first) may
        // have replaced it, and would keep the key. Whatever is read from here on is read after the commit.
        Forget();
        return true;
    }

    /// <summary>The active credential of this kind with this secret, noting that it was used; null when none.</summary>
    public async ValueTask<(long Id, string Name, IReadOnlyList<string>? Incidents)?> FindAsync(CredentialKind kind, string secret, CancellationToken cancellationToken = default)
    {
        if (secret.Length is 0 or > 200)
            return null;
        var active = await ActiveAsync(cancellationToken);
        if (!active.TryGetValue(Hash(secret), out var credential) || credential.Kind != kind)
            return null;
        NoteUse(credential);
        return (credential.Id, credential.Name, credential.Incidents);
    }

    public async ValueTask<bool> IsActiveAsync(long id, CancellationToken cancellationToken = default) =>
        (await ActiveAsync(cancellationToken)).Values.Any(c => c.Id == id);

    private void NoteUse(ActiveCredential credential)
    {
        var now = clock.GetUtcNow();
        var saved = Interlocked.Read(ref credential.LastSavedUseTicks);
        if (now.UtcTicks - saved < LastUsedPrecision.Ticks
            || Interlocked.CompareExchange(ref credential.LastSavedUseTicks, now.UtcTicks, saved) != saved)
            return;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await db.Credentials.Where(c => c.Id == credential.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.LastUsedAt, now));
            }
            catch (Exception)
            {
                // A busy or read-only database only costs the last-used time its precision; the request goes on.
            }
        });
    }

    // The change and the word to other instances commit together: a revocation no other instance hears of cannot happen.
    private async Task SaveAndAnnounceAsync(DashboardDbContext db, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await _signal.AnnounceAsync(db, ChangeNotice.OfAccess, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private void Forget()
    {
        Interlocked.Increment(ref _generation);
        _active = null;
    }

    private async ValueTask<ConcurrentDictionary<string, ActiveCredential>> ActiveAsync(CancellationToken cancellationToken)
    {
        if (_active is { } loaded)
            return loaded;
        await _loading.WaitAsync(cancellationToken);
        try
        {
            while (true)
            {
                if (_active is { } current)
                    return current;
                var generation = Volatile.Read(ref _generation);
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                var entities = await db.Credentials.AsNoTracking().Where(c => c.RevokedAt == null).ToListAsync(cancellationToken);
                var active = new ConcurrentDictionary<string, ActiveCredential>(
                    entities.Select(e => KeyValuePair.Create(e.SecretHash, new ActiveCredential(e))), StringComparer.Ordinal);
                // Told of a change while reading: what was read may predate it, so read again.
                if (generation == Volatile.Read(ref _generation))
                {
                    _active = active;
                    return active;
                }
            }
        }
        finally
        {
            _loading.Release();
        }
    }

    public static string Describe(CredentialKind kind) => kind == CredentialKind.ApiKey ? "API key" : "wall token";

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public void Dispose() => _listening.Dispose();
}
