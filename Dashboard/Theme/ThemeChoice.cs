namespace Dashboard.Theme;

/// <summary>
/// Dark or light, chosen per browser. The theme's CSS is rendered once with the page rather than kept inside every
/// live connection (it is a ~30,000-character style block), so switching goes through a cookie and a reload.
/// </summary>
public static class ThemeChoice
{
    public const string CookieName = "dashboard-theme";

    /// <summary>
    /// MudBlazor's palettes with the colours a crisis room reads as text made to meet WCAG 2.2 AA in both themes:
    /// provisional figures (info), claims (black on amber), links and buttons (primary, secondary, error) and labels.
    /// </summary>
    public static readonly MudBlazor.MudTheme Theme = new()
    {
        PaletteLight = new MudBlazor.PaletteLight
        {
            Info = "#0a58b5", InfoContrastText = "#ffffff", WarningContrastText = "#000000",
            Secondary = "#c2185b", SecondaryContrastText = "#ffffff", Error = "#c62828", ErrorContrastText = "#ffffff",
        },
        PaletteDark = new MudBlazor.PaletteDark
        {
            Info = "#6cb8ff", InfoContrastText = "#000000", WarningContrastText = "#000000",
            Primary = "#b0a6ff", PrimaryContrastText = "#000000", Secondary = "#ff4081", SecondaryContrastText = "#000000",
            Error = "#ff8a80", ErrorContrastText = "#000000", TextSecondary = "rgba(255,255,255,0.72)",
        },
    };

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
                MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps,
            });
            // Only back into this app: never an open redirect.
            return TypedResults.LocalRedirect(Security.LocalReturn.PathOrHome(returnUrl));
        }).ExcludeFromDescription().AllowAnonymous(); // the sign-in form has the switch too
        return app;
    }
}
