using System.CommandLine;
using InstanceSaliency.Cli.Commands;

namespace InstanceSaliency.Cli;

/// <summary>Every subcommand of `ies`, in the order `ies --help` lists them.</summary>
static class CommandCatalog
{
    public static IEnumerable<Command> Build(CliConsole console) =>
    [
        InfoCommand.Create(console),
        LesionsCommand.Create(console),
        SegmentCommand.Create(console),
        ExplainCommand.Create(console),
        ReportCommand.Create(console),
        ServeCommand.Create(console),
        DemoCommand.Create(console),
        BenchCommand.Create(console),
        AnalyzeCommand.Create(console),
        CohortCommand.Create(console),
        TrainCommand.Create(console),
        ContextCommand.Create(console),
        SynthCommand.Create(console),
        SanityCommand.Create(console),
    ];
}
