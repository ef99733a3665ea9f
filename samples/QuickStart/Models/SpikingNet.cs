using Checkpoint;

// Python-style keys for every model of this program: lif.v_threshold, readout.weight.
[assembly: StateNaming(NamingPolicy.SnakeCase)]

namespace QuickStart.Models;

/// <summary>
/// Input current drives a LIF population whose spikes a linear layer reads out.
/// </summary>
[Module]
public partial class SpikingNet
{
    public SpikingNet(int inputs, int outputs, int seed)
    {
        Lif = new LifLayer(inputs);
        Readout = new Readout(inputs, outputs, new Random(seed));
    }

    public LifLayer Lif { get; }

    public Readout Readout { get; }

    /// <summary>Runs every input step and returns the readout of each.</summary>
    public float[][] Run(IReadOnlyList<float[]> inputs) => inputs.Select(x => Readout.Forward(Lif.Step(x))).ToArray();
}
