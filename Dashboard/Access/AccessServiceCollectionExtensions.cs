using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Dashboard.Access;

public static class AccessServiceCollectionExtensions
{
    /// <summary>Picks, per request, between a person's sign-in cookie and a wall's display-token cookie.</summary>
    public const string Scheme = "Dashboard";
    public const string WallScheme = "WallDisplay";
    public const string WallCookie = "Dashboard.Wall";
    public const string PersonCookie = "Dashboard.Identity";

    public static IServiceCollection AddDashboardAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AccessSettings>(configuration.GetSection(AccessSettings.Section));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<CredentialStore>();
        services.AddSingleton<AccountAdministration>();
        services.AddSingleton<LiveActionGuard>();
        services.AddSingleton<SignInGuard>();
        services.AddHttpContextAccessor();

        services.AddAuthentication(options => options.DefaultScheme = Scheme)
            .AddPolicyScheme(Scheme, "API key, person or wall display", options => options.ForwardDefaultSelector = context =>
                ApiKeyAuthenticationHandler.Presents(context.Request) ? ApiKeyAuthenticationHandler.SchemeName
                : context.Request.Cookies.ContainsKey(WallCookie) && !context.Request.Cookies.ContainsKey(PersonCookie) ? WallScheme
                : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, WallTokenHandler>(WallTokenHandler.SchemeName, null)
            .AddCookie(WallScheme, options =>
            {
                options.Cookie.Name = WallCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.SlidingExpiration = true;
                options.LoginPath = "/account/sign-in";
                options.AccessDeniedPath = "/account/denied";
                options.Events.OnValidatePrincipal = WallTokens.ValidateAsync;
            })
            .AddIdentityCookies();
        // A wall runs for days, its cookie renewed by each request it makes; Access:WallSessionDays says how long one left
        // dark keeps it. Revoking its token ends it at once whatever the length.
        services.AddOptions<CookieAuthenticationOptions>(WallScheme).Configure<IOptions<AccessSettings>>((options, access) =>
            options.ExpireTimeSpan = TimeSpan.FromDays(Math.Clamp(access.Value.WallSessionDays, 0.01, 365)));

        // Every cookie is Secure when the request came over HTTPS, directly or through the proxy (X-Forwarded-Proto).
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = PersonCookie;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.LoginPath = "/account/sign-in";
            options.AccessDeniedPath = "/account/denied";
        });
        // Every request checks the account's security stamp, so a sign-out, a changed role, a reset password or a deleted
        // account ends the cookie's session at once (open live pages revalidate within a minute).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        services.AddIdentityCore<IdentityUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Length over character classes (NIST SP 800-63B): the one-time passwords are 20 random characters.
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireDigit = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                // Lockout is per account and address (SignInGuard), so an attacker's guesses cannot lock the owner out.
                options.Lockout.AllowedForNewUsers = false;
            })
            .AddRoles<IdentityRole>()
            .AddErrorDescriber<ReaderIdentityErrors>()
            .AddEntityFrameworkStores<Data.DashboardDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        // Every endpoint, page and hub declares its access through these; what declares nothing is refused (the fallback).
        services.AddSingleton<IAuthorizationHandler, AccessRequirementHandler>();
        services.AddSingleton<IAuthorizationHandler, AccessDeclaredHandler>();
        services.AddSingleton<IAuthorizationHandler, WallIncidentHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiRefusalAnswers>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(AccessDeclared.Fallback)
            .AddPolicy(AccessPolicies.ReadSituation, policy => policy.AddRequirements(new AccessRequirement(true, Roles.People)))
            .AddPolicy(AccessPolicies.ReadWall, policy => policy.AddRequirements(new AccessRequirement(true, [.. Roles.People, Roles.WallDisplay]), new WallIncidentRequirement()))
            .AddPolicy(AccessPolicies.Analyst, policy => policy.AddRequirements(new AccessRequirement(false, Roles.Writers)))
            .AddPolicy(AccessPolicies.Admin, policy => policy.AddRequirements(new AccessRequirement(false, Roles.Admin)))
            .AddPolicy(AccessPolicies.ReadApi, policy => policy.AddRequirements(new AccessRequirement(true, [.. Roles.People, Roles.ApiClient])))
            .AddPolicy(AccessPolicies.AnalystApi, policy => policy.AddRequirements(new AccessRequirement(false, [.. Roles.Writers, Roles.ApiClient])))
            .AddPolicy(AccessPolicies.WriteApi, policy => policy.AddRequirements(new AccessRequirement(false, Roles.ApiClient)))
            .AddPolicy(AccessPolicies.ReadMetrics, policy => policy.AddRequirements(new AccessRequirement(false, Roles.Admin, Roles.ApiClient)));

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAccessStateProvider>();
        services.AddScoped<CircuitClient>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitClient.Handler>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitClient.WallHandler>();

        return services;
    }

}
