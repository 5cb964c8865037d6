using Dashboard.Security.Limits;
using Dashboard.Situation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Access;

/// <summary>
/// Sign-in, sign-out and password change as plain form posts (antiforgery-checked), since a cookie can only be set
/// on an HTTP response, never from a live page's connection.
/// </summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/sign-in", SignInAsync).AllowAnonymous().LimitedBy(Budget.SignIns);
        // Open to anyone: a session already ended elsewhere signs out without a detour through the sign-in form.
        account.MapPost("/sign-out", SignOutAsync).AllowAnonymous();
        account.MapPost("/password", ChangePasswordAsync).RequireAuthorization().LimitedBy(Budget.SignIns);
        return app;
    }

    private static async Task<IResult> SignInAsync([FromForm] string? email, [FromForm] string? password, [FromForm] string? returnUrl,
        HttpContext context, SignInManager<IdentityUser> signIn, SignInGuard guard, AuditLog audit)
    {
        email = email?.Trim() ?? "";
        var back = SafeReturnUrl(returnUrl);
        if (email.Length == 0 || string.IsNullOrEmpty(password))
            return Redirect("/account/sign-in", back, ("error", "missing"));

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await signIn.UserManager.FindByEmailAsync(email);
        // Locked out by the address as Identity finds the account (normalised: the Kelvin sign is a K), so no other
        // spelling of the same address starts afresh.
        var lockoutKey = signIn.UserManager.NormalizeEmail(email) ?? email;
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null || await guard.IsLockedOutAsync(lockoutKey, address))
        {
            guard.SpendAsMuchAsAPasswordCheck(signIn.UserManager.PasswordHasher, password);
            result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else
            result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
            await guard.RecordSuccessAsync(lockoutKey, address);
        else if (!result.IsLockedOut && await guard.RecordFailureAsync(lockoutKey, address))
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        context.RequestServices.GetRequiredService<Observability.DashboardMetrics>()
            .SignIn(result.Succeeded ? "succeeded" : result.IsLockedOut ? "locked_out" : "failed");
        if (result.Succeeded)
        {
            await audit.RecordAsync(Actor.From(context, user!.Email ?? email), "signed in", "Signed in with e-mail address and password.");
            var mustChange = (await signIn.UserManager.GetClaimsAsync(user!)).Any(c => c.Type == AccountAdministration.MustChangePasswordClaim);
            return mustChange ? Redirect("/account/password", back) : TypedResults.LocalRedirect(back);
        }

        var actor = Actor.From(context, email.Length > 200 ? email[..200] : email);
        await audit.RecordAsync(actor, result.IsLockedOut ? "sign-in locked out" : "sign-in failed",
            result.IsLockedOut ? "Sign-in refused: the account is locked after repeated failures." : "Wrong e-mail address or password.");
        return Redirect("/account/sign-in", back, ("error", result.IsLockedOut ? "locked" : "failed"));
    }

    // Nothing else in the form to bind, so the antiforgery token is checked here rather than by form binding.
    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery, UserManager<IdentityUser> users, AuditLog audit)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign-out refused",
                detail: "The form's antiforgery token is missing or not valid; sign out from the dashboard's own page.");
        // A new security stamp ends this session wherever its cookie has gone (copied, or another tab): every request
        // checks the stamp, and open pages within a minute.
        if (await users.GetUserAsync(context.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(Actor.From(context, user.Email ?? user.UserName ?? user.Id), "signed out", "Signed out; the session ended wherever its cookie had gone.");
        }
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        await context.SignOutAsync(AccessServiceCollectionExtensions.WallScheme);
        return TypedResults.LocalRedirect("/account/sign-in?signedOut=1");
    }

    private static async Task<IResult> ChangePasswordAsync([FromForm] string? current, [FromForm] string? replacement, [FromForm] string? confirmation,
        [FromForm] string? returnUrl, HttpContext context, SignInManager<IdentityUser> signIn, AuditLog audit)
    {
        var back = SafeReturnUrl(returnUrl);
        if (await signIn.UserManager.GetUserAsync(context.User) is not { } user)
            return TypedResults.LocalRedirect("/account/sign-in");
        if (string.IsNullOrEmpty(replacement) || replacement != confirmation)
            return Redirect("/account/password", back, ("error", Localization.Say.Text("Account.Differ")));
        var changed = await signIn.UserManager.ChangePasswordAsync(user, current ?? "", replacement);
        if (!changed.Succeeded)
            return Redirect("/account/password", back, ("error", string.Join(" ", changed.Errors.Select(e => e.Description))));

        foreach (var claim in (await signIn.UserManager.GetClaimsAsync(user)).Where(c => c.Type == AccountAdministration.MustChangePasswordClaim))
            await signIn.UserManager.RemoveClaimAsync(user, claim);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(Actor.From(context, user.Email ?? user.Id), "change password", "Changed their own password.");
        return TypedResults.LocalRedirect(back);
    }

    /// <summary>Only a path on this site, so a crafted link cannot send someone elsewhere after signing in.</summary>
    public static string SafeReturnUrl(string? returnUrl) => Security.LocalReturn.PathOrHome(returnUrl);

    private static IResult Redirect(string path, string returnUrl, params (string Name, string Value)[] extra)
    {
        var query = QueryString.Create([new("returnUrl", returnUrl), .. extra.Select(e => new KeyValuePair<string, string?>(e.Name, e.Value))]);
        return TypedResults.LocalRedirect(path + query);
    }
}
