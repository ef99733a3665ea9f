using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Checkpoint;
using LargeTensorChild;

// Usage: LargeTensorChild save|load <path> <rows> <columns>
//   save: fills a rows x columns float32 parameter with deterministic bit patterns and saves the model to <path>;
//   load: loads <path> into a model whose parameter is a zeroed tensor of that shape (filled in place).
// Prints "hash <xxhash3 of the tensor bytes>", "tensor <bytes>", "baseline <resident bytes before the tensor existed>"
// and "peak <highest resident bytes during the save or load>" (Linux /proc; the high-water mark is reset just before).
if (args.Length != 4 || args[0] is not ("save" or "load")
    || !int.TryParse(args[2], CultureInfo.InvariantCulture, out var rows) || !int.TryParse(args[3], CultureInfo.InvariantCulture, out var columns))
{
    Console.Error.WriteLine("usage: LargeTensorChild save|load <path> <rows> <columns>");
    return 2;
}

var path = args[1];
// Warm the code paths on a small model first, so what the JIT and the type loader add is in the baseline.
WarmUp(Path.GetDirectoryName(Path.GetFullPath(path))!);
var baseline = Memory.Resident();
var model = new BigModel(rows, columns);
long peak;
if (args[0] == "save")
{
    Patterns.Fill(model.Embedding);
    Memory.ResetPeak();
    MsgPackCheckpoint.Save(path, model);
    peak = Memory.Peak();
}
else
{
    Memory.ResetPeak();
    MsgPackCheckpoint.Load(path, model);
    peak = Memory.Peak();
}

Console.WriteLine($"hash {Patterns.Hash(model.Embedding)}");
Console.WriteLine($"tensor {model.Embedding.ByteLength}");
Console.WriteLine($"storage {model.Embedding.Storage}");
Console.WriteLine($"baseline {baseline}");
Console.WriteLine($"peak {peak}");
model.Embedding.Dispose();
return 0;

static void WarmUp(string directory)
{
    var file = Path.Combine(directory, $"warm-up-{Environment.ProcessId}.msgpack");
    var small = new BigModel(4, 4);
    Patterns.Fill(small.Embedding);
    MsgPackCheckpoint.Save(file, small);
    MsgPackCheckpoint.Load(file, small);
    Patterns.Hash(small.Embedding);
    File.Delete(file);
}

/// <summary>Deterministic contents and their hash, both piece by piece (no second copy of the tensor).</summary>
internal static class Patterns
{
    private const int PieceElements = 16 << 20;

    /// <summary>Element i holds the bits of a multiplicative hash of i: every bit pattern, NaNs included, must survive.</summary>
    public static void Fill(NdArray<float> tensor)
    {
        for (long start = 0; start < tensor.Length; start += PieceElements)
        {
            var piece = MemoryMarshal.Cast<float, uint>(tensor.AsSpan(start, (int)Math.Min(PieceElements, tensor.Length - start)));
            for (var i = 0; i < piece.Length; i++)
            {
                var index = (ulong)(start + i);
                piece[i] = (uint)((index * 0x9E3779B97F4A7C15UL) >> 29) ^ (uint)index;
            }
        }
    }

    public static string Hash(INdArray tensor)
    {
        var hash = new XxHash3();
        tensor.ForEachPiece((_, piece) => hash.Append(piece), 64 << 20);
        return Convert.ToHexString(hash.GetCurrentHash());
    }
}

/// <summary>Resident memory from /proc/self/status (bytes; 0 where there is no /proc).</summary>
internal static class Memory
{
    public static long Resident() => Read("VmRSS:");

    public static long Peak() => Read("VmHWM:");

    /// <summary>Resets the high-water mark to what is resident now (Linux: writing 5 to /proc/self/clear_refs).</summary>
    public static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");

    private static long Read(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field, StringComparison.Ordinal)) continue;
            return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }

        return 0;
    }
}
