using Checkpoint;

namespace BuildSample;

public partial class Split
{
    [Param] public float[] B = new float[1];
}
