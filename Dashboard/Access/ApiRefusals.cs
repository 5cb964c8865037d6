using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Dashboard.Access;

/// <summary>
/// Marks an endpoint as the API's: a refusal there is a ProblemDetails answer (401: who are you? 403: not allowed), never
/// a redirect to the sign-in form. <paramref name="WhoAreYou"/> says what an anonymous caller lacks.
/// </summary>
public sealed record ApiRefusal(string WhoAreYou, string HowToAsk)
{
    public static readonly ApiRefusal SignInOrKey = new("Sign-in required", $"Sign in, or send an {Api.ApiKeys.HeaderName} header.");

    public static readonly ApiRefusal KeyOnly = new("API key required",
        $"Writes need the {Api.ApiKeys.HeaderName} header set to one of the keys in Ingest:ApiKeys or a key issued by an Admin.");

    public static readonly ApiRefusal Metrics = new("Sign-in or API key required",
        $"Metrics are for Admins and API keys ({Api.ApiKeys.HeaderName}), unless {Observability.ObservabilityExtensions.MetricsPublicSetting} is true.");
}

/// <summary>Answers the framework's refusals on API endpoints in the API's words; pages keep the sign-in redirect.</summary>
public sealed class ApiRefusalAnswers : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _pages = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<ApiRefusal>() is not { } refusal)
        {
            await _pages.HandleAsync(next, context, policy, result);
            return;
        }
        // Where only a key will do, anyone without one is asked for it (a person's sign-in is no answer there).
        var onlyAKeyWillDo = refusal == ApiRefusal.KeyOnly && !context.User.IsInRole(Roles.ApiClient);
        var (status, title, detail) = context.User.Identity?.IsAuthenticated == true && !onlyAKeyWillDo
            ? (StatusCodes.Status403Forbidden, "Not allowed", "Your account, key or display token does not allow this.")
            : ApiKeyAuthenticationHandler.Presents(context.Request)
                ? (StatusCodes.Status401Unauthorized, "API key not valid",
                    $"The {Api.ApiKeys.HeaderName} header is not a configured key nor an active key issued by an Admin (it may have been revoked).")
                : (StatusCodes.Status401Unauthorized, refusal.WhoAreYou, refusal.HowToAsk);
        await TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}

/// <summary>
/// The fallback policy: an endpoint of the app's that declares no access is refused to everyone. Met only where routing
/// found none of the app's endpoints (an address that is not there, a method or format an endpoint does not take), so
/// those get their 404, 405 or 415, which tell nothing.
/// </summary>
public sealed class AccessDeclared : IAuthorizationRequirement
{
    public static readonly AuthorizationPolicy Fallback = new AuthorizationPolicyBuilder().AddRequirements(new AccessDeclared()).Build();
}

public sealed class AccessDeclaredHandler : AuthorizationHandler<AccessDeclared>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccessDeclared requirement)
    {
        // The matcher's own refusals are plain endpoints with no route; every endpoint the app maps has one.
        if (context.Resource is HttpContext http && http.GetEndpoint() is not RouteEndpoint)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
