namespace Checkpoint.Cli;

/// <summary>The tool's exit codes, the same for every command (and listed in <c>checkpoint --help</c>).</summary>
internal static class ExitCodes
{
    /// <summary>Everything is fine: the file is intact, the files are equal, the conversion was written.</summary>
    public const int Ok = 0;

    /// <summary>A file is missing, unreadable or corrupt, a conversion was refused, or (diff) the files differ.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing or extra argument.</summary>
    public const int Usage = 2;

    /// <summary>The text <c>--help</c> shows under every command.</summary>
    public const string Help = "Exit codes: 0 ok, 1 bad file, refusal or (diff) a difference, 2 usage error; 130/143 when interrupted.";
}
