using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Checkpoint.Cli.Commands;
using Checkpoint.Cli.Output;

namespace Checkpoint.Cli;

/// <summary>
/// The <c>checkpoint</c> tool, callable in process so tests can run it: builds the commands of the registry, turns a
/// wrong command line into exit code 2 with a short hint, and every exception that gets this far into one line on the
/// error stream with exit code 1, so no input can make the tool crash with a stack trace.
/// </summary>
internal static class CliApp
{
    /// <summary>The tool's command name.</summary>
    public const string Name = "checkpoint";

    public static int Run(string[] args, CliConsole console)
    {
        using var interruption = Interruption.Start(console.HandleTermination);
        try
        {
            var root = BuildRoot(console);
            var parsed = root.Parse(args);
            if (parsed.Action is ParseErrorAction || HasUnknownOption(parsed)) return ReportUsageErrors(parsed, console.Error);
            var configuration = new InvocationConfiguration
            {
                Output = console.Output,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
                // Signals are ours (Interruption): the command cleans up before the process ends.
                ProcessTerminationTimeout = null,
            };
            return parsed.InvokeAsync(configuration, interruption?.Token ?? CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (CliUsageException e)
        {
            console.Error.WriteLine("checkpoint: " + TerminalText.Escape(e.Message));
            console.Error.WriteLine($"Run 'checkpoint {e.Command} --help' for usage.");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (interruption?.ExitCode is { } signalled)
        {
            console.Error.WriteLine("checkpoint: interrupted; nothing was left half-written");
            return signalled;
        }
        catch (Exception e)
        {
            console.Error.WriteLine("checkpoint: " + ErrorLine.Of(e));
            return ExitCodes.Failed;
        }
    }

    /// <summary>A run with the given writers (tests, embedding).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, new CliConsole(output, error));

    private static Command BuildRoot(CliConsole console)
    {
        // A plain command named "checkpoint" rather than a RootCommand, which takes its name from the executable
        // (Checkpoint.Cli, testhost): help and messages always say "checkpoint".
        var root = new Command(
            Name,
            "The checkpoint tool: look into, check, compare and convert checkpoint files (.msgpack, .npz, .npy, .safetensors) " +
            "and checkpoint manager directories. " + ExitCodes.Help);
        root.Options.Add(new HelpOption());
        // The library's version (0.1.0), not the assembly's informational version with its commit hash.
        root.Options.Add(new VersionOption { Action = new PrintVersion() });
        foreach (var command in CommandRegistry.Create(console)) root.Subcommands.Add(command);
        return root;
    }

    private static int ReportUsageErrors(ParseResult parsed, TextWriter error)
    {
        foreach (var problem in UsageErrors(parsed)) error.WriteLine("checkpoint: " + TerminalText.Escape(problem));
        var command = parsed.CommandResult.Command;
        var name = command.Name == Name ? Name : $"{Name} {command.Name}";
        error.WriteLine($"Run '{name} --help' for usage.");
        return ExitCodes.Usage;
    }

    private static bool HasUnknownOption(ParseResult parsed) =>
        parsed.Action is not (HelpAction or PrintVersion) && UnknownOptionTokens(parsed).Any();

    private static IEnumerable<string> UsageErrors(ParseResult parsed)
    {
        if (parsed.CommandResult.Command is { Name: Name } root)
        {
            var commands = string.Join(", ", root.Subcommands.Select(c => c.Name));
            var first = parsed.Tokens.FirstOrDefault();
            if (first is null) return [$"no command given (commands: {commands})"];
            if (!first.Value.StartsWith('-')) return [$"unknown command '{first.Value}' (commands: {commands})"];
        }

        var unknownOptions = UnknownOptionTokens(parsed).Select(token => $"unknown option '{token.Value}'");
        return unknownOptions.Concat(parsed.Errors.Select(e => e.Message)).Distinct();
    }

    // System.CommandLine takes a word that starts with '-' and matches no option for an argument value; before a
    // "--" it is a mistyped option, so it is refused (a file named "-x" can still be given as ./-x or after "--").
    private static IEnumerable<Token> UnknownOptionTokens(ParseResult parsed) =>
        parsed.Tokens
            .TakeWhile(token => token.Type != TokenType.DoubleDash)
            .Where(token => token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value.StartsWith('-'));

    private sealed class PrintVersion : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(LibraryInfo.Version);
            return ExitCodes.Ok;
        }
    }
}
