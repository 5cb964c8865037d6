using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

/// <summary>Met by any of <see cref="Roles"/>; with <see cref="OpenWhenSignInNotRequired"/>, by anyone when <c>Access:RequireSignIn</c> is off.</summary>
public sealed record AccessRequirement(bool OpenWhenSignInNotRequired, params string[] Roles) : IAuthorizationRequirement;

public sealed class AccessRequirementHandler(IOptionsMonitor<AccessSettings> settings, IHostEnvironment environment)
    : AuthorizationHandler<AccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessRequirement requirement)
    {
        // A one-time password must be changed before anything else, live pages included.
        if (PasswordChangeFirst.MustChangePassword(context.User))
            return Task.CompletedTask;
        // A presented key that is not valid is refused even where no sign-in is needed: it is never read as no key.
        if (context.Resource is HttpContext http && ApiKeyAuthenticationHandler.Presents(http.Request) && !http.User.IsInRole(Roles.ApiClient))
            return Task.CompletedTask;
        if ((requirement.OpenWhenSignInNotRequired && !SignInRequired(settings.CurrentValue, environment))
            || requirement.Roles.Any(context.User.IsInRole))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }

    public static bool SignInRequired(AccessSettings settings, IHostEnvironment environment) =>
        settings.RequireSignIn ?? !environment.IsDevelopment();
}
