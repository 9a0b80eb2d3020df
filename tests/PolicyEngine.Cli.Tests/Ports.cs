using System.Net;
using System.Net.Sockets;

namespace PolicyEngine.Cli.Tests;

/// <summary>Loopback ports for the servers the tests start.</summary>
internal static class Ports
{
    /// <summary>A port free on loopback now (the OS's choice for port 0).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
