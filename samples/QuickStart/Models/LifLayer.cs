using Checkpoint;

namespace QuickStart.Models;

/// <summary>
/// A population of leaky integrate-and-fire neurons. The membrane potential is short-term state (reset, never
/// saved); the time constant and thresholds are parameters; the spike counter is a long-term statistic.
/// </summary>
public partial class LifLayer
{
    public LifLayer(int size)
    {
        V = NdArray<float>.Full(-65f, size);
    }

    [ShortTerm(Fill = -65)] public NdArray<float> V;

    [Param] public float Tau = 10f;

    [Param] public float VRest = -65f;

    [Param] public float VThreshold = -50f;

    [LongTerm] public long SpikeCount;

    public int Size => V.Shape[0];

    /// <summary>Advances one time step of <paramref name="dt"/> ms under <paramref name="input"/>; returns the spikes (0 or 1).</summary>
    public float[] Step(ReadOnlySpan<float> input, float dt = 1f)
    {
        var v = V.AsSpan();
        var spikes = new float[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            v[i] += dt / Tau * (VRest - v[i] + input[i]);
            if (v[i] < VThreshold) continue;
            spikes[i] = 1f;
            v[i] = VRest;
            SpikeCount++;
        }

        return spikes;
    }
}
