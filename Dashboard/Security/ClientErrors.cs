using Microsoft.AspNetCore.Diagnostics;

namespace Dashboard.Security;

/// <summary>
/// What a client sent wrong is answered as the client's error, never as a 500: a request the server cannot read
/// (antiforgery token missing, body over a limit) gets its own status, and the API answers every error it gives
/// without a body (no such address, a content type it does not take) as ProblemDetails, not as an HTML page.
/// </summary>
public static class ClientErrors
{
    public static WebApplication UseClientErrors(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = e.StatusCode;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = e.StatusCode, Title = "The request could not be read", Detail = e.Message },
                });
            }
        });
        // A page asked for gets the not-found page; the API and form posts get ProblemDetails (a re-executed POST
        // would land on a page that only answers GET). Re-execution must sit in the main pipeline to be routed again.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (!IsPageRequest(context) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                pages.Enabled = false;
            return next(context);
        });
        app.UseWhen(context => !IsPageRequest(context), other => other.UseStatusCodePages());
        return app;
    }

    private static bool IsPageRequest(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method));
}

/// <summary>Where a person may be sent back to after signing in or switching the theme: only a plain path on this site.</summary>
public static class LocalReturn
{
    public static string PathOrHome(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/'
            && (url.Length == 1 || url[1] is not ('/' or '\\'))
            && !url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? url
            : "/";
}
