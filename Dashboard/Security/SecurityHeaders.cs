namespace Dashboard.Security;

/// <summary>
/// Headers every response carries. The content security policy is what Blazor Server and MudBlazor work under:
/// scripts only from this app (no inline script), inline styles (MudBlazor's theme and component styles), the live
/// connection back to this origin, and never inside another site's frame.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // The API's answers are for whoever asked (a key's export, a PDF, the people a report names): no cache
            // between here and the caller keeps one, unless the endpoint says how it may be kept (the polled tallies).
            if (context.GetEndpoint()?.Metadata.GetMetadata<Access.ApiRefusal>() is not null && !headers.ContainsKey("Cache-Control"))
                headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        await next();
    });
}
