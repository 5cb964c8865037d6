using System.Security.Cryptography;
using Dashboard.Security.Limits;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>
/// Guards the sign-in form. Failures lock an account out from the address they came from only (five in a row: fifteen
/// minutes), so someone guessing from one place cannot shut the owner out everywhere; guessing from many places is
/// slowed by the per-address limit. Every attempt costs one password hash, known account or not, so the answer's
/// timing does not tell which addresses have accounts. Counted where every limit is (<see cref="ILimitCounters"/>): on
/// PostgreSQL in the database, so a lockout on one instance holds on all.
/// </summary>
public sealed class SignInGuard(ILimitCounters counters)
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private string? _decoyHash;

    public async Task<bool> IsLockedOutAsync(string account, string address) =>
        await counters.PeekAsync(Key(account, address)) >= FailuresBeforeLockout;

    /// <summary>Counts a failure; true when it locks the account out from this address.</summary>
    public async Task<bool> RecordFailureAsync(string account, string address) =>
        (await counters.CountAsync(Key(account, address), LockoutDuration, renewWindow: true)).Count >= FailuresBeforeLockout;

    public Task RecordSuccessAsync(string account, string address) => counters.ForgetAsync(Key(account, address));

    /// <summary>The work of checking a password, where there is no account (or no check) to do it on.</summary>
    public void SpendAsMuchAsAPasswordCheck(IPasswordHasher<IdentityUser> hasher, string password)
    {
        _decoyHash ??= hasher.HashPassword(new IdentityUser(), RandomNumberGenerator.GetHexString(32));
        hasher.VerifyHashedPassword(new IdentityUser(), _decoyHash, password);
    }

    private static string Key(string account, string address) => $"lockout:{account.ToUpperInvariant()}|{address}";
}
