using Checkpoint.Cli.Commands;

namespace Checkpoint.Cli;

/// <summary>Entry point of the <c>checkpoint</c> tool, callable in process so tests can run it.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        switch (args)
        {
            case ["--version"]:
                output.WriteLine(LibraryInfo.Version);
                return 0;
            case ["inspect", .. var rest]:
                return InspectCommand.Run(rest, output, error);
            case ["verify", .. var rest]:
                return VerifyCommand.Run(rest, output, error);
            case [] or ["--help"] or ["-h"] or ["help"]:
                WriteUsage(args.Length == 0 ? error : output);
                return args.Length == 0 ? 2 : 0;
            default:
                error.WriteLine($"checkpoint: unknown command '{args[0]}'");
                WriteUsage(error);
                return 2;
        }
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("usage:");
        writer.WriteLine($"  {InspectCommand.Usage}   show the tree of a checkpoint file, or the steps of a manager directory (--json: machine-readable)");
        writer.WriteLine($"  {VerifyCommand.Usage}        check every step of a manager directory (manifests, sizes, checksums) or that a file parses; exit 1 if anything is wrong");
        writer.WriteLine("  checkpoint --version");
    }
}
