using Dashboard.Localization;
using Microsoft.AspNetCore.Identity;

namespace Dashboard.Access;

/// <summary>What the account rules refuse, in the reader's language: the password page and the administration show these.</summary>
public sealed class ReaderIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Said(base.PasswordTooShort(length), "Identity.PasswordTooShort", length);

    public override IdentityError PasswordMismatch() => Said(base.PasswordMismatch(), "Identity.PasswordMismatch");

    public override IdentityError DuplicateEmail(string email) => Said(base.DuplicateEmail(email), "Identity.DuplicateEmail", email);

    public override IdentityError DuplicateUserName(string userName) => Said(base.DuplicateUserName(userName), "Identity.DuplicateUserName", userName);

    public override IdentityError InvalidEmail(string? email) => Said(base.InvalidEmail(email), "Identity.InvalidEmail", email);

    public override IdentityError InvalidUserName(string? userName) => Said(base.InvalidUserName(userName), "Identity.InvalidUserName", userName);

    // Identity's own code, our words.
    private static IdentityError Said(IdentityError error, string key, params object?[] values) =>
        new() { Code = error.Code, Description = Say.Format(key, values) };
}
