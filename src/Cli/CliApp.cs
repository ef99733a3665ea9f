namespace Checkpoint.Cli;

/// <summary>Entry point of the <c>checkpoint</c> tool, callable in process so tests can run it.</summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["--version"])
        {
            output.WriteLine(typeof(IStateful).Assembly.GetName().Version?.ToString(3) ?? "unknown");
            return 0;
        }

        error.WriteLine("usage: checkpoint inspect FILE [--json] | checkpoint --version");
        return 2;
    }
}
