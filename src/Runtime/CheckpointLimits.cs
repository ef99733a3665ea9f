namespace Checkpoint;

/// <summary>The limits every reader, writer and model walk shares, so they accept and refuse the same trees.</summary>
public static class CheckpointLimits
{
    /// <summary>
    /// The deepest nesting of maps (and of child models) accepted by default: far beyond any real model (a few
    /// dozen levels), and shallow enough that deeper input is refused as corrupt before it can exhaust the stack.
    /// <see cref="LoadOptions.MaxDepth"/> and <see cref="SaveOptions.MaxDepth"/> change it per call.
    /// </summary>
    public const int DefaultMaxDepth = 512;
}
