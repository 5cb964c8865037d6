namespace Dashboard.Theme;

/// <summary>
/// Dark or light, chosen per browser. The theme's CSS is rendered once with the page rather than kept inside every
/// live connection (it is a ~30,000-character style block), so switching goes through a cookie and a reload.
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "dashboard-theme";

    /// <summary>A <c>?theme=light|dark</c> in the address wins (walls are set up by URL), then the cookie; dark by default.</summary>
    public static bool IsDark(HttpContext? context)
    {
        var asked = context?.Request.Query["theme"].ToString();
        if (asked is "light" or "dark")
            return asked == "dark";
        return context?.Request.Cookies[CookieName] != "light";
    }

    public static IEndpointRouteBuilder MapThemeSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/theme/toggle", (HttpContext context, string? returnUrl) =>
        {
            var next = IsDark(context) ? "light" : "dark";
            context.Response.Cookies.Append(CookieName, next, new CookieOptions
            {
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true,
            });
            // Only back into this app: never an open redirect.
            return TypedResults.LocalRedirect(Security.LocalReturn.PathOrHome(returnUrl));
        }).ExcludeFromDescription();
        return app;
    }
}
