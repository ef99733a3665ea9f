using Checkpoint;

namespace BuildSample;

public partial class UnsavedLayer
{
    [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2);
    public float[] Bias = new float[2]; // expect: CKPT0001
    [NotState] private float[] _scratch = new float[2];
}

public class NotPartialLayer // expect: CKPT0004
{
    [Param] public float[] W = new float[1];
}

public class Outer
{
    public partial class Inner // expect: CKPT0004
    {
        [LongTerm] public long Steps;
    }
}

public partial class Unrestorable
{
    [Param] public readonly float[] Frozen = new float[1]; // expect: CKPT0005
    [LongTerm] public float[] GetOnly { get; } = new float[1]; // expect: CKPT0005
    [ShortTerm] public static float[] Shared = new float[1]; // expect: CKPT0005
}

public partial class OddTypes
{
    [Param] public float[] Kept = new float[1];
    [Param] public System.Numerics.Tensors.Tensor<float> Platform = System.Numerics.Tensors.Tensor.Create(new float[1], [1]);
    [Param] public System.Numerics.Tensors.Tensor<decimal> PlatformMoney = null!; // expect: CKPT0006
    [Param] public List<float> Weights = new(); // expect: CKPT0006
    [Param] public decimal Price; // expect: CKPT0006
}

public partial class Conflicts
{
    [Param][ShortTerm] public float[] Both = new float[1]; // expect: CKPT0007
    [Param][NotState] public float[] Neither = new float[1]; // expect: CKPT0007
}

public partial class BadConfig
{
    [Config] public int Size { get; } = 1; // expect: CKPT0008
    [Config] public object? Anything { get; set; } // expect: CKPT0008
}

public partial class Node
{
    [Param] public float[] W = new float[1];
    public Node? Next; // expect: CKPT0009
}

[StateNaming(NamingPolicy.SnakeCase)]
public partial class Keys
{
    [Param] public float[] RunningMean = new float[1];
    [LongTerm(Name = "running_mean")] public float[] Copy = new float[1]; // expect: CKPT0010
    [Param(Name = "enc.w")] public float[] Dotted = new float[1]; // expect: CKPT0011
    [Param(FormerNames = new[] { "running_mean" })] public float[] Renamed = new float[1]; // expect: CKPT0015
}

public partial class Neuron
{
    [ShortTerm(Initializer = "Missing")] public float[] V = new float[1]; // expect: CKPT0012
}

[Module]
public partial class EmptyModule // expect: CKPT0013
{
}

public struct NotAModel
{
    [Param] public float X; // expect: CKPT0014
}

public partial class Generic<T>
{
    [Param] public T[] Values = []; // expect: CKPT0016
}

public partial class Counters
{
    [ShortTerm(Fill = -1)] public uint Count; // expect: CKPT0017
    [ShortTerm(Fill = 3)] public byte Fits;
}

public class DerivedFromNotPartial : NotPartialLayer
{
}
