namespace Checkpoint.Tests.Models;

/// <summary>Snake-case keys, a name override and former names.</summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class BatchNorm
{
    [LongTerm] public NdArray<float> RunningMean = NdArray<float>.Zeros(2);
    [Param] public float VRest;
    [Param] public float HTTPServer;
    [Param] public float Layer2Weight;
    [Param(Name = "gamma")] public float Scale = 1f;
    [Param(FormerNames = ["bias_v1", "b"])] public NdArray<float> Bias = NdArray<float>.Zeros(2);
    public Lif SubLayer = new(1);
}

/// <summary>Camel-case keys.</summary>
[StateNaming(NamingPolicy.CamelCase)]
public partial class CamelNet
{
    [Param] public float RunningMean;
    public Linear OutputLayer = new(1, 1);
}

/// <summary>Holds a model with former names, to check they are prefixed by the child's path.</summary>
[Module]
public partial class NormHolder
{
    public BatchNorm Norm = new();
}
