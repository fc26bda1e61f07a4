using System.Net;
using System.Net.Sockets;
using System.Text;

namespace InstanceSaliency.Reporting.Tests.Serving;

/// <summary>
/// One HTTP/1.1 request sent byte for byte over TCP to 127.0.0.1 (HttpClient would normalise "..", refuse control
/// characters or re-encode the path, hiding what a hostile client can send), and the response it got.
/// </summary>
sealed record RawHttp(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static async Task<RawHttp> Send(int port, string method, string target)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        var stream = client.GetStream();
        byte[] request = Encoding.Latin1.GetBytes($"{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request, timeout.Token);
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    static RawHttp Parse(byte[] bytes)
    {
        int end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) throw new InvalidDataException($"No complete response head in {bytes.Length} bytes.");
        var lines = Encoding.Latin1.GetString(bytes, 0, end).Split("\r\n");
        int status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        byte[] body = bytes[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out string? te) && te.Equals("chunked", StringComparison.OrdinalIgnoreCase))
            body = Unchunk(body);
        return new RawHttp(status, headers, body);
    }

    static byte[] Unchunk(byte[] body)
    {
        using var output = new MemoryStream();
        int at = 0;
        while (true)
        {
            int lineEnd = body.AsSpan(at).IndexOf("\r\n"u8) + at;
            int size = Convert.ToInt32(Encoding.ASCII.GetString(body, at, lineEnd - at).Split(';')[0], 16);
            if (size == 0) return output.ToArray();
            output.Write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
