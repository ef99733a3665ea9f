namespace Checkpoint.Cli.Tests;

/// <summary>Runs the tool in process and captures what it prints.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static string Fixture(string name) => Fixture("braintools", name);

    public static string Fixture(string folder, string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", folder, name);
}
