using System.Net;
using System.Net.Sockets;

namespace Dashboard.Tests.Infrastructure;

public static class LoopbackPorts
{
    /// <summary>A loopback port nobody listens on now, for a server a test starts itself (nginx, an app process).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
