using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using InstanceSaliency.Reporting.Serving;
using InstanceSaliency.TestSupport;

namespace InstanceSaliency.Reporting.Tests.Serving;

/// <summary>
/// `ies serve` stays inside its folder (issue 19, item 1), each finding reproduced over a real socket on 127.0.0.1:
/// links leaving the folder, NUL and control characters, dot-files, traversal, methods other than GET/HEAD; and a
/// normal file (or a link inside pointing inside) still served whole with its real length.
/// </summary>
public sealed class StaticFileServerTests : IDisposable
{
    static readonly byte[] Index = Encoding.UTF8.GetBytes("<!doctype html><title>report</title><p>lesions</p>\n");
    static readonly byte[] Secret = Encoding.UTF8.GetBytes("secret outside the report folder, longer than any link path to it: " + new string('x', 300));

    readonly TemporaryDirectory _temp = new();
    readonly string _report;
    readonly StaticFileServer _server;
    readonly int _port;

    public StaticFileServerTests()
    {
        _report = Directory.CreateDirectory(_temp.File("report")).FullName;
        string outside = Directory.CreateDirectory(_temp.File("outside")).FullName;
        File.WriteAllBytes(Path.Combine(_report, "index.html"), Index);
        Directory.CreateDirectory(Path.Combine(_report, "assets"));
        File.WriteAllBytes(Path.Combine(_report, "assets", "lesion 0001.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);
        File.WriteAllBytes(Path.Combine(outside, "secret.txt"), Secret);
        File.WriteAllText(Path.Combine(_report, ".secret"), "dot-file");
        Directory.CreateDirectory(Path.Combine(_report, ".git"));
        File.WriteAllText(Path.Combine(_report, ".git", "config"), "dot-folder");
        File.CreateSymbolicLink(Path.Combine(_report, "etc_link"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_report, "secret.txt"), Path.Combine(outside, "secret.txt"));
        File.CreateSymbolicLink(Path.Combine(_report, "relative.txt"), "../outside/secret.txt");
        File.CreateSymbolicLink(Path.Combine(_report, "alias.html"), "index.html");
        File.CreateSymbolicLink(Path.Combine(_report, "pictures"), "assets");
        File.CreateSymbolicLink(Path.Combine(_report, "visible.txt"), ".secret");
        _port = LoopbackPort.Free();
        _server = new StaticFileServer(_report, _port);
    }

    public void Dispose()
    {
        _server.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public async Task A_normal_file_is_served_whole_with_its_length_and_type()
    {
        var response = await Get("/index.html");
        Assert.Equal(200, response.Status);
        Assert.Equal(Index, response.Body);
        Assert.Equal(Index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers["Content-Length"]);
        Assert.Equal("text/html; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Equal(Index, (await Get("/")).Body);
        Assert.Equal(7, (await Get("/assets/lesion%200001.png")).Body.Length);
    }

    [Fact]
    public async Task Head_gives_the_length_without_a_body()
    {
        var response = await RawHttp.Send(_port, "HEAD", "/index.html");
        Assert.Equal(200, response.Status);
        Assert.Equal(Index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers["Content-Length"]);
        Assert.Empty(response.Body);
    }

    [Theory]
    [InlineData("/etc_link/passwd")]
    [InlineData("/etc_link/hostname")]
    [InlineData("/etc_link/../etc_link/passwd")]
    public async Task A_link_to_a_folder_outside_is_not_followed(string target)
    {
        Assert.True(File.Exists("/etc/passwd"));
        var response = await Get(target);
        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("root:", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/secret.txt")]
    [InlineData("/relative.txt")]
    public async Task A_linked_file_outside_is_not_served(string target)
    {
        var response = await Get(target);
        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_inside_pointing_inside_is_served_with_the_target_length()
    {
        var alias = await Get("/alias.html");
        Assert.Equal(200, alias.Status);
        Assert.Equal(Index, alias.Body);
        Assert.Equal(Index.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), alias.Headers["Content-Length"]);
        Assert.Equal(200, (await Get("/pictures/lesion%200001.png")).Status);
    }

    [Theory]
    [InlineData("/index.html%00.png")]
    [InlineData("/index.html%00")]
    [InlineData("/%0a/index.html")]
    [InlineData("/index.html%0d%0aX-Injected:%201")]
    [InlineData("/index%09.html")]
    [InlineData("/index.html%7f")]
    [InlineData("/index.html%c2%85")]
    public async Task Control_characters_in_the_path_are_a_bad_request(string target)
    {
        var response = await Get(target);
        Assert.Equal(400, response.Status);
        Assert.Empty(response.Body);
        Assert.False(response.Headers.ContainsKey("X-Injected"));
    }

    [Theory]
    [InlineData("/.secret")]
    [InlineData("/.git/config")]
    [InlineData("/%2egit/config")]
    [InlineData("/visible.txt")]
    [InlineData("/assets/../.secret")]
    [InlineData("/../outside/secret.txt")]
    [InlineData("/%2e%2e/outside/secret.txt")]
    [InlineData("/assets%2f..%2f..%2foutside%2fsecret.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/etc_link%2fpasswd")]
    [InlineData("http://127.0.0.1/../outside/secret.txt")]
    [InlineData("/%ff%fe")]
    public async Task Dot_files_dot_folders_and_traversal_are_not_found(string target)
    {
        var response = await Get(target);
        Assert.True(response.Status is 404 or 400, $"{target}: {response.Status}");
        Assert.DoesNotContain("secret", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
        Assert.DoesNotContain("dot-f", Encoding.UTF8.GetString(response.Body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/assets")]
    [InlineData("/assets/")]
    [InlineData("/missing.html")]
    [InlineData("/index.html/x")]
    public async Task Folders_and_missing_files_are_not_found(string target) => Assert.Equal(404, (await Get(target)).Status);

    [Fact]
    public async Task A_very_long_path_is_refused_without_harm()
    {
        var response = await Get("/" + new string('a', 20_000) + ".html");
        Assert.True(response.Status is 400 or 404 or 414, $"{response.Status}");
        Assert.Equal(200, (await Get("/index.html")).Status);
    }

    [Fact]
    public async Task A_query_string_does_not_change_the_file()
    {
        var response = await Get("/index.html?file=../../etc/passwd");
        Assert.Equal(200, response.Status);
        Assert.Equal(Index, response.Body);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("OPTIONS")]
    [InlineData("PATCH")]
    public async Task Methods_other_than_get_and_head_are_not_allowed(string method)
    {
        var response = await RawHttp.Send(_port, method, "/index.html");
        Assert.Equal(405, response.Status);
        Assert.Equal("GET, HEAD", response.Headers["Allow"]);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task A_named_pipe_is_not_served_and_does_not_hang_the_server()
    {
        string fifo = Path.Combine(_report, "pipe.html");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [fifo]) { UseShellExecute = false }))
        {
            if (mkfifo is null) return;
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        var clock = Stopwatch.StartNew();
        Assert.Equal(404, (await Get("/pipe.html")).Status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal(200, (await Get("/index.html")).Status);
    }

    [Theory]
    [InlineData("assets/niivue.umd.js", "text/javascript; charset=utf-8")]
    [InlineData("lesions.tsv", "text/tab-separated-values; charset=utf-8")]
    [InlineData("blosc_codec.wasm", "application/wasm")]
    [InlineData("maps/lesion-0001.nii.gz", "application/gzip")]
    [InlineData("FIGURE.PNG", "image/png")]
    [InlineData("data.bin", "application/octet-stream")]
    public void Content_types_follow_the_extension(string name, string type) => Assert.Equal(type, ContentTypes.Of(name));

    [Fact]
    public async Task The_content_type_is_the_real_file_s()
    {
        File.WriteAllText(Path.Combine(_report, "table.tsv"), "id\tvoxels\n");
        File.CreateSymbolicLink(Path.Combine(_report, "table.html"), "table.tsv");
        var response = await Get("/table.html");
        Assert.Equal(200, response.Status);
        Assert.Equal("text/tab-separated-values; charset=utf-8", response.Headers["Content-Type"]);
        Assert.Equal("nosniff", response.Headers["X-Content-Type-Options"]);
    }

    [Fact]
    public void The_server_listens_on_127_0_0_1_only() => Assert.Equal($"http://127.0.0.1:{_port}/", _server.Url);

    Task<RawHttp> Get(string target) => RawHttp.Send(_port, "GET", target);

}
