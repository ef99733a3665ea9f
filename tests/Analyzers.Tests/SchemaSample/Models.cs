using Checkpoint;

namespace SchemaSample;

public partial class Encoder
{
    // Was Weight: checkpoints saved before hold Encoder.Weight, and nothing maps it (SchemaBuildTests builds once
    // more with MAPPED defined, and CKPT0018 is gone).
#if MAPPED
    [Param(FormerNames = ["Weight"])]
#else
    [Param]
#endif
    public NdArray<float> Kernel = NdArray<float>.Zeros(2, 2); // expect: CKPT0020
    // Was Bias: FormerNames maps the old path, so no warning about Encoder.Bias.
    [Param(FormerNames = ["Bias"])] public float[] Offset = new float[2]; // expect: CKPT0020
}

public partial class Net // expect: CKPT0018
{
    public Encoder Encoder = new();
    [Param] public Half Gain = (Half)1; // expect: CKPT0019
    [LongTerm] public long Step;
    [ShortTerm] public float[] Trace = new float[2];

    public float Run(float input) => input * (float)Gain;
}
