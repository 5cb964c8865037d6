using Dashboard.Access;
using Dashboard.Api;
using Dashboard.Security.Limits;

namespace Dashboard.Alerts;

/// <summary>
/// <c>/api/subscriptions</c>: who is told of which changes. An Analyst's sign-in or an API key; each caller manages their
/// own (Admins everyone's). Webhooks are shared channels: Admins and API keys only.
/// </summary>
public static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/subscriptions").WithTags("Alerts")
            .RequireAuthorization(AccessPolicies.AnalystApi).WithMetadata(ApiRefusal.SignInOrKey)
            .AddEndpointFilter<DatabaseUnavailableFilter>();
        group.MapGet("", ListAsync).LimitedBy(Budget.Reads)
            .WithSummary("The caller's subscriptions (an Admin's: everyone's). Secrets are never shown again.")
            .Produces<SubscriptionResponse[]>();
        group.MapPost("", CreateAsync).LimitedBy(Budget.Writes)
            .WithSummary("""Subscribes to changes: {"incident": slug or null for every incident, "countries": ["GB"], "groups": [], "statuses": [], "changes": ["moved","claim","correction","first","ended"], "channel": "webhook"|"email"|"page", "url": … | "email": …} (an empty list means all). A webhook's answer gives its signing secret, once.""")
            .Accepts<SubscriptionSubmission>("application/json")
            .Produces<SubscriptionResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem();
        group.MapDelete("/{id:long}", DeleteAsync).LimitedBy(Budget.Writes)
            .WithSummary("Ends one of the caller's subscriptions (an Admin's: anyone's). Its alerts stay in the delivery log.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    /// <summary>The caller as a subscriber: a person with their role, or an API key by its name.</summary>
    public static Subscriber SubscriberOf(System.Security.Claims.ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("A subscription request reached its endpoint without a caller."),
            IsPerson: !user.IsInRole(Roles.ApiClient), IsAdmin: Roles.IsAdmin(user));

    private static async Task<IResult> ListAsync(HttpContext context, AlertSubscriptions subscriptions, CancellationToken ct) =>
        TypedResults.Ok((await subscriptions.ListAsync(SubscriberOf(context.User), ct)).Select(SubscriptionResponse.From).ToArray());

    private static async Task<IResult> CreateAsync(HttpContext context, AlertSubscriptions subscriptions, CancellationToken ct)
    {
        var (submission, problem) = await JsonBody.ReadAsync<SubscriptionSubmission>(context.Request, ct);
        if (problem is not null)
            return problem;
        var made = await subscriptions.CreateAsync(submission!, SubscriberOf(context.User), ApiAccess.WriterOf(context), CancellationToken.None);
        if (made.Made is not { } subscription)
            return TypedResults.ValidationProblem(made.Problems.ToDictionary());
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", SubscriptionResponse.From(subscription) with { Secret = made.Secret });
    }

    private static async Task<IResult> DeleteAsync(long id, HttpContext context, AlertSubscriptions subscriptions, CancellationToken ct) =>
        await subscriptions.DeleteAsync(id, SubscriberOf(context.User), ApiAccess.WriterOf(context), CancellationToken.None)
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown subscription",
                detail: $"You hold no subscription with the id {id}.");
}
