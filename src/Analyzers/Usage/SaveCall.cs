using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Usage;

/// <summary>A call that saves or exports state, with the constant <c>StateKinds</c> it selects.</summary>
internal readonly struct SaveCall
{
    public SaveCall(int kinds, Location location, bool kindsDefaulted, string description)
    {
        Kinds = kinds;
        Location = location;
        KindsDefaulted = kindsDefaulted;
        Description = description;
    }

    /// <summary>The StateKinds flags as their integer value.</summary>
    public int Kinds { get; }

    /// <summary>The kinds argument, or the whole call when the kinds were left to their default.</summary>
    public Location Location { get; }

    /// <summary>Whether no kinds argument was written (the parameter's default applies).</summary>
    public bool KindsDefaulted { get; }

    /// <summary>What the call is, for messages ("call to ToStateDict").</summary>
    public string Description { get; }
}
