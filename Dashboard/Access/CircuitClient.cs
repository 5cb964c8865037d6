using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Dashboard.Situation;

namespace Dashboard.Access;

/// <summary>Who is behind a live page and from which address, for the audit trail of what they change there.</summary>
public sealed class CircuitClient(AuthenticationStateProvider authentication)
{
    public string? Address { get; private set; }

    /// <summary>The incident this circuit's wall shows, if it is a wall: the Operations panel says when one loses its connection.</summary>
    public string? Wall { get; set; }

    public async Task<Actor> ActorAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return new Actor(user.Identity?.Name ?? "anonymous", Address);
    }

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
