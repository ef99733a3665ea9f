using System.Numerics;
using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>Distinct, deterministic values to put into models, so a load that skipped or mixed entries shows.</summary>
internal static class ModelValues
{
    public static void Fill(NdArray<float> tensor, float seed)
    {
        var span = tensor.AsSpan();
        for (var i = 0; i < span.Length; i++) span[i] = seed + i * 0.001f;
    }

    public static SimpleNet Randomised(int seed)
    {
        var net = new SimpleNet();
        net.Lif.Tau = 10f + seed;
        net.Lif.SpikeCount = 1000 + seed;
        Fill(net.Lif.V, -50f - seed);
        for (var i = 0; i < net.Layers.Count; i++)
        {
            Fill(net.Layers[i].Weight, seed + i);
            Fill(net.Layers[i].Bias, -seed - i);
        }

        Fill(net.Readout, seed * 0.5f);
        return net;
    }

    public static Everything Everything(int seed) => new()
    {
        Flag = seed % 2 == 1,
        I8 = (sbyte)-seed,
        I16 = (short)(-300 * seed),
        I32 = -70000 * seed,
        I64 = long.MinValue + seed,
        U8 = (byte)(200 + seed),
        U16 = (ushort)(60000 + seed),
        U32 = uint.MaxValue - (uint)seed,
        U64 = ulong.MaxValue - (ulong)seed,
        F16 = (Half)(0.5f * seed),
        Bf16 = (BFloat16)(1.25f * seed),
        F32 = 0.1f * seed,
        F64 = Math.PI * seed,
        C64 = new Complex64(seed, -seed),
        C128 = new Complex(seed, 0.3),
        Vector = [seed, seed + 0.5f, float.NaN],
        Matrix = new double[,] { { seed, 2, 3 }, { 4, 5, -seed } },
        Label = "label" + seed,
        Note = seed % 2 == 0 ? null : "note",
        Phase = (Phase)(seed % 3),
        Scratch = [seed, seed],
    };
}
