using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Dashboard.Localization;

/// <summary>
/// Which language a request is answered in: <c>?lang=</c> on the address first (a wall's address fixes its language),
/// then the signed-in person's choice, then this browser's choice, then the browser's <c>Accept-Language</c>; English
/// otherwise. A live page's connection carries its page's <c>?lang=</c> (reconnect.js), so it reads the same.
/// </summary>
public static class ReaderLanguages
{
    public static IServiceCollection AddReaderLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.SetDefaultCulture(Languages.Default);
            options.SupportedCultures = [.. Languages.Cultures];
            options.SupportedUICultures = [.. Languages.Cultures];
            options.FallBackToParentCultures = options.FallBackToParentUICultures = true;
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = Languages.QueryKey, UIQueryStringKey = Languages.QueryKey },
                new ChosenLanguageProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
        return services;
    }

    /// <summary>After authentication: a signed-in person's choice travels in their sign-in.</summary>
    public static IApplicationBuilder UseReaderLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>The picker's form: keeps the choice in this browser and, for a signed-in person, with their account.</summary>
    public static IEndpointRouteBuilder MapLanguageChoice(this IEndpointRouteBuilder app)
    {
        app.MapPost("/language", ChooseAsync).ExcludeFromDescription().AllowAnonymous(); // the sign-in form has the picker too
        return app;
    }

    private static async Task<IResult> ChooseAsync([FromForm] string? lang, [FromForm] string? returnUrl, HttpContext context,
        UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn)
    {
        if (Languages.Supported(lang) is not { } chosen)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [Languages.QueryKey] = [$"Choose one of {string.Join(", ", Languages.All.Select(l => l.Code))}."],
            });
        context.Response.Cookies.Append(Languages.CookieName, chosen, new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps,
        });
        if (await users.GetUserAsync(context.User) is { } account)
        {
            var kept = (await users.GetClaimsAsync(account)).Where(c => c.Type == Languages.AccountClaim).ToList();
            if (kept.Count > 0)
                await users.RemoveClaimsAsync(account, kept);
            await users.AddClaimAsync(account, new System.Security.Claims.Claim(Languages.AccountClaim, chosen));
            await signIn.RefreshSignInAsync(account);
        }
        // Only back into this app, and without a ?lang= that would outvote the choice just made.
        return TypedResults.LocalRedirect(WithoutLanguage(Security.LocalReturn.PathOrHome(returnUrl)));
    }

    /// <summary>An address with its <c>?lang=</c> taken out.</summary>
    public static string WithoutLanguage(string path)
    {
        var at = path.IndexOf('?');
        if (at < 0)
            return path;
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(path[at..]);
        var kept = query.Where(q => !string.Equals(q.Key, Languages.QueryKey, StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return path[..at] + QueryString.Create(kept);
    }

    private sealed class ChosenLanguageProvider : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext context)
        {
            var chosen = Languages.Supported(context.User.FindFirst(Languages.AccountClaim)?.Value)
                ?? Languages.Supported(context.Request.Cookies[Languages.CookieName]);
            return Task.FromResult(chosen is null ? null : new ProviderCultureResult(chosen));
        }
    }
}
