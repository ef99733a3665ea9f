using System.CommandLine;

namespace Checkpoint.Cli.Commands;

/// <summary>
/// One command of the tool. Adding a command is adding one file with a class derived from this one:
/// <see cref="CommandRegistry"/> finds it.
/// </summary>
internal abstract class CliCommand
{
    /// <summary>The command's name (<c>inspect</c>).</summary>
    public abstract string Name { get; }

    /// <summary>Builds the command, its arguments, options and action, writing to <paramref name="console"/>.</summary>
    public abstract Command Create(CliConsole console);

    /// <summary>
    /// A command named <see cref="Name"/> whose help ends with the exit codes, running <paramref name="run"/> (which
    /// returns the exit code and is given the token that Ctrl+C cancels).
    /// </summary>
    protected Command NewCommand(string description, Func<ParseResult, CancellationToken, int> run)
    {
        var command = new Command(Name, description + " " + ExitCodes.Help);
        command.SetAction((parsed, cancellationToken) => Task.FromResult(run(parsed, cancellationToken)));
        return command;
    }
}
