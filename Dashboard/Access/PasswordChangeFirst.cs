using System.Security.Claims;

namespace Dashboard.Access;

/// <summary>
/// A session signed in with a one-time password may do nothing but change it: pages send it to the password form,
/// the API and live connections answer 403, whatever else its role would allow.
/// </summary>
public static class PasswordChangeFirst
{
    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(c => c.Type == AccountAdministration.MustChangePasswordClaim);

    public static IApplicationBuilder UsePasswordChangeFirst(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!MustChangePassword(context.User) || MayStillUse(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            var back = Security.LocalReturn.PathOrHome(context.Request.Path + context.Request.QueryString);
            context.Response.Redirect("/account/password" + QueryString.Create("returnUrl", back));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Change your password first",
            detail: "This session signed in with a one-time password; it may do nothing but change it at /account/password.").ExecuteAsync(context);
    });

    // The password form and what it is drawn with, and the way out.
    private static bool MayStillUse(PathString path) =>
        path.StartsWithSegments("/account/password") || path.StartsWithSegments("/account/sign-out") || path.StartsWithSegments("/account/sign-in")
        || path.StartsWithSegments("/_content") || path.StartsWithSegments("/theme") || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/not-found") || path.StartsWithSegments("/Error")
        || (path.Value is { } value && !path.StartsWithSegments("/_blazor") && Path.HasExtension(value));
}
