namespace Checkpoint.Cli;

/// <summary>
/// A command line that parses but asks for something impossible (an OUT without a known extension, an option for
/// another format): reported like a parse error, with exit code 2.
/// </summary>
internal sealed class CliUsageException(string command, string message) : Exception(message)
{
    /// <summary>The command whose <c>--help</c> the hint names.</summary>
    public string Command { get; } = command;
}
