using InstanceSaliency.Cli;

int exitCode = CommandLineApp.Run(args, Console.Out, Console.Error);
NativeLibraries.ReportIfAsked(Console.Error);
return exitCode;
