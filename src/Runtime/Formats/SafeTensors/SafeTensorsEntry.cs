namespace Checkpoint.Formats.SafeTensors;

/// <summary>One tensor of a safetensors header: its name, dtype, shape and byte range in the data section.</summary>
internal sealed record SafeTensorsEntry(string Name, DType DType, int[] Shape, long Begin, long End);
