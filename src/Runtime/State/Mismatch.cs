namespace Checkpoint;

/// <summary>What a load does when the source and the target disagree (the <c>mismatch</c> argument of braintools).</summary>
public enum Mismatch
{
    /// <summary>Throw one <see cref="StateMismatchException"/> listing every problem; change nothing.</summary>
    Error = 0,

    /// <summary>Load what matches, keep the target's value for the rest, report and log every problem.</summary>
    Warn = 1,

    /// <summary>Load what matches, keep the target's value for the rest, silently (the report still lists it).</summary>
    Ignore = 2,
}
