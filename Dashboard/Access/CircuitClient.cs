using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Dashboard.Situation;

namespace Dashboard.Access;

/// <summary>Who is behind a live page and from which address, for the audit trail of what they change there.</summary>
public sealed class CircuitClient(AuthenticationStateProvider authentication, LiveActionGuard guard, IAuthorizationService authorization, NavigationManager navigation)
{
    public string? Address { get; private set; }

    /// <summary>The incident this circuit's wall shows, if it is a wall: the Operations panel says when one loses its connection.</summary>
    public string? Wall { get; set; }

    /// <summary>
    /// Who takes an action in this live page, authorized by <paramref name="policy"/> at this moment against the account
    /// as it is now (<see cref="LiveActionGuard"/>), not as it was when the page opened. Null when refused: nothing may be
    /// written then, and the page goes, dialogs and all, to sign in again (the server refuses its old cookie).
    /// </summary>
    public async Task<Actor?> ActorForAsync(string policy)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (await guard.CurrentAsync(user) is { Identity.Name: { } name } current && (await authorization.AuthorizeAsync(current, policy)).Succeeded)
            return new Actor(name, Address);
        navigation.NavigateTo(SignInAgain, forceLoad: true);
        return null;
    }

    /// <summary>Where a page goes whose person may no longer act in it.</summary>
    public const string SignInAgain = "/account/sign-in";

    // The address is that of the connection the page opened with; it is read once, when the circuit opens.
    internal sealed class Handler(CircuitClient client, IHttpContextAccessor http) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            client.Address ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString();
            return Task.CompletedTask;
        }
    }

    internal sealed class WallHandler(CircuitClient client, Observability.WallConnections walls, TimeProvider clock) : CircuitHandler
    {
        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            if (client.Wall is { } incident)
                walls.Down(circuit.Id, incident, clock.GetUtcNow());
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            walls.Up(circuit.Id);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            walls.Up(circuit.Id);
            return Task.CompletedTask;
        }
    }
}
