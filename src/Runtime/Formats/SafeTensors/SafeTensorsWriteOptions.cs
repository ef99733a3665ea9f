namespace Checkpoint.Formats.SafeTensors;

/// <summary>Settings of <see cref="SafeTensorsWriter"/>.</summary>
public sealed record SafeTensorsWriteOptions
{
    /// <summary>The defaults: no metadata, no progress reports.</summary>
    public static SafeTensorsWriteOptions Default { get; } = new();

    /// <summary>The <c>__metadata__</c> map (free-form strings, e.g. <c>{"format": "pt"}</c>), written in its enumeration order; null writes none.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Receives the number of bytes written so far.</summary>
    public IProgress<long>? Progress { get; init; }
}
