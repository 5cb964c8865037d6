using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>
/// Guards the sign-in form. Failures lock an account out from the address they came from only (five in a row: fifteen
/// minutes), so someone guessing from one place cannot shut the owner out everywhere; guessing from many places is
/// slowed by the per-address rate limit. Every attempt costs one password hash, known account or not, so the answer's
/// timing does not tell which addresses have accounts. Per instance, in memory.
/// </summary>
public sealed class SignInGuard(TimeProvider clock)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    private const int MaxTracked = 100_000;

    private sealed record Failures(int Count, DateTimeOffset Last);

    private readonly ConcurrentDictionary<(string Account, string Address), Failures> _failures = new();
    private string? _decoyHash;

    public bool IsLockedOut(string account, string address) =>
        _failures.TryGetValue(Key(account, address), out var failures)
        && failures.Count >= FailuresBeforeLockout && clock.GetUtcNow() - failures.Last < LockoutDuration;

    /// <summary>Counts a failure; true when it locks the account out from this address.</summary>
    public bool RecordFailure(string account, string address)
    {
        if (_failures.Count > MaxTracked)
            Forget();
        var now = clock.GetUtcNow();
        var failures = _failures.AddOrUpdate(Key(account, address), _ => new Failures(1, now),
            (_, old) => now - old.Last >= LockoutDuration ? new Failures(1, now) : new Failures(old.Count + 1, now));
        return failures.Count >= FailuresBeforeLockout;
    }

    public void RecordSuccess(string account, string address) => _failures.TryRemove(Key(account, address), out _);

    /// <summary>The work of checking a password, where there is no account (or no check) to do it on.</summary>
    public void SpendAsMuchAsAPasswordCheck(IPasswordHasher<IdentityUser> hasher, string password)
    {
        _decoyHash ??= hasher.HashPassword(new IdentityUser(), RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(new IdentityUser(), _decoyHash, password);
    }

    private void Forget()
    {
        var cutoff = clock.GetUtcNow() - LockoutDuration;
        foreach (var (key, failures) in _failures)
            if (failures.Last < cutoff)
                _failures.TryRemove(key, out _);
    }

    private static (string, string) Key(string account, string address) => (account.ToUpperInvariant(), address);
}
