using System.Net;
using System.Net.Sockets;

namespace InstanceSaliency.TestSupport;

/// <summary>A TCP port on 127.0.0.1 that nothing listens on right now (servers in tests bind the loopback only).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
