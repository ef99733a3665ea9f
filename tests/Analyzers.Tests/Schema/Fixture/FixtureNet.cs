using System.Collections.Generic;
using Checkpoint;

namespace Checkpoint.SchemaFixture;

// One model with every kind of saved member, shared by two tests: tests/Analyzers.Tests (the schema Fix All writes
// for it is FixtureNet.schema.txt) and tests/Cli.Tests (a checkpoint the runtime saves from it, read back by
// `checkpoint schema`, agrees with FixtureNet.schema.txt). Together: the schema the fix writes is what checkpoints hold.

public partial class FixtureLayer<T>
    where T : unmanaged
{
    [Param] public NdArray<T> W = NdArray<T>.Zeros(2, 3);
    [Param] public T Gain;
}

public enum FixtureMode
{
    Train,
    Eval,
}

public partial class FixtureNet
{
    public List<FixtureLayer<float>> Layers = [new(), new()];
    public FixtureLayer<double> Head = new();
    [Param] public double[,] Bias = new double[2, 2];
    [Param] public System.Half Scale = (System.Half)1;
    [Param] public float Rate = 0.1f;
    [Param] public Quantity Tau = new(NdArray<float>.Full(10f, 2), Units.ms);
    [LongTerm] public long Step = 3;
    [LongTerm] public FixtureMode Mode = FixtureMode.Eval;
    [LongTerm] public string Name = "net";
    [LongTerm] public bool Trained = true;
    [ShortTerm] public float[] Trace = new float[2];
}
