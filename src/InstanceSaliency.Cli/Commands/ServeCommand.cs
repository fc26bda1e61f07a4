using InstanceSaliency.Cli.Options;
using System.CommandLine;
using InstanceSaliency.Reporting.Serving;

namespace InstanceSaliency.Cli.Commands;

/// <summary>`ies serve DIR [--port P]`: serves a report folder at http://127.0.0.1:P/ (this machine only) until Ctrl+C.</summary>
static class ServeCommand
{
    public const int DefaultPort = 8765;

    public static Command Create(CliConsole console)
    {
        var folder = new Argument<string>("DIR") { Description = "Report folder (holding index.html)." };
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1.", DefaultValueFactory = _ => DefaultPort };
        port.Require(v => v is >= 1 and <= 65535, "1–65535");
        var command = new Command("serve", "Serve a report folder on 127.0.0.1 (this machine only) until interrupted.") { folder, port };
        command.SetAction(parsed =>
        {
            string dir = parsed.GetValue(folder)!;
            if (!File.Exists(Path.Combine(dir, "index.html")))
                throw new Imaging.InvalidInputException($"{dir}: no index.html; serve the folder `ies report` wrote.");
            using var stop = new ManualResetEventSlim();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stop.Set(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                using var server = new StaticFileServer(dir, parsed.GetValue(port));
                console.Out.WriteLine($"serving {Path.GetFullPath(dir)} at {server.Url} (Ctrl+C stops)");
                console.Out.Flush();
                stop.Wait();
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            return CommandLineApp.Success;
        });
        return command;
    }
}
