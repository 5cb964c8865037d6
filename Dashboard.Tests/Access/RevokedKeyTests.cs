using Dashboard.Situation.Live;
using Dashboard.Data.Postgres;
using Dashboard.Access;
using Dashboard.Data;
using Dashboard.Situation;
using Dashboard.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Access;

/// <summary>A revoked key stays revoked, whatever the store reads while the revocation commits.</summary>
public class RevokedKeyTests
{
    [Fact]
    public async Task A_key_revoked_while_another_instance_s_notice_reloads_the_keys_stays_revoked()
    {
        var signal = new SignalWithAHook();
        using var app = new DashboardFactory
        {
            ExtraServices = services => services.AddSingleton<IChangeSignal>(provider =>
                signal.Around(provider.GetRequiredService<DashboardDatabase>().Provider == DatabaseProvider.Postgres
                    ? provider.GetRequiredService<PostgresChangeSignal>()
                    : provider.GetRequiredService<InProcessChangeSignal>())),
        };
        var store = app.Services.GetRequiredService<CredentialStore>();
        var (key, secret) = await store.IssueAsync(CredentialKind.ApiKey, "Revoked in a race", new Actor("test admin", null));
        Assert.NotNull(await store.FindAsync(CredentialKind.ApiKey, secret));

        // Inside the revocation's transaction, before it commits: another instance's notice arrives and a request reads
        // the keys again, as they stand until the commit.
        signal.BeforeCommit = async () =>
        {
            signal.Inner.Raise(ChangeNotice.OfAccess);
            Assert.NotNull(await store.FindAsync(CredentialKind.ApiKey, secret));
        };
        Assert.True(await store.RevokeAsync(key.Id, new Actor("test admin", null)));
        signal.BeforeCommit = null;

        Assert.Null(await store.FindAsync(CredentialKind.ApiKey, secret));
    }

    private sealed class SignalWithAHook : IChangeSignal
    {
        public IChangeSignal Inner { get; private set; } = null!;
        public Func<Task>? BeforeCommit { get; set; }

        public IChangeSignal Around(IChangeSignal inner)
        {
            Inner = inner;
            return this;
        }

        public void Raise(ChangeNotice notice) => Inner.Raise(notice);

        public async Task AnnounceAsync(DashboardDbContext db, ChangeNotice notice, CancellationToken cancellationToken = default)
        {
            await Inner.AnnounceAsync(db, notice, cancellationToken);
            if (notice.AccessChanged && BeforeCommit is { } hook)
                await hook();
        }

        public IDisposable Listen(Action<ChangeNotice> listener) => Inner.Listen(listener);
    }
}
