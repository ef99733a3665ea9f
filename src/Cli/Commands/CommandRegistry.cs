using System.CommandLine;

namespace Checkpoint.Cli.Commands;

/// <summary>Every <see cref="CliCommand"/> of this assembly, in name order: a new command needs no line here.</summary>
internal static class CommandRegistry
{
    private static readonly Type[] CommandTypes = typeof(CliCommand).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(CliCommand)) && !type.IsAbstract)
        .ToArray();

    /// <summary>One instance of every command.</summary>
    public static IReadOnlyList<CliCommand> All() =>
        CommandTypes.Select(type => (CliCommand)Activator.CreateInstance(type)!).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

    /// <summary>The System.CommandLine commands, writing to <paramref name="console"/>.</summary>
    public static IEnumerable<Command> Create(CliConsole console) => All().Select(command => command.Create(console));
}
