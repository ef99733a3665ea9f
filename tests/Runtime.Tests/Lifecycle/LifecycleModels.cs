namespace Checkpoint.Runtime.Tests.Lifecycle;

/// <summary>Version 2 of a readout whose weight was called <c>w</c> in version 1 (a Python-era name).</summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class Readout
{
    public Readout(int nHidden) => Weight = NdArray<float>.Zeros(nHidden, 2);

    [Config] public int NHidden => Weight.Shape[0];

    [Param(FormerNames = ["w"])] public NdArray<float> Weight { get; set; }
}

/// <summary>Compares the bytes of every persistent entry of two models.</summary>
internal static class ModelAssert
{
    public static float[] Param(IStateful model, string path) =>
        ((NdArray<float>)model.States(StateKinds.Param).Single(e => e.Path == path).Value!).Data;

    public static void BitIdentical(IStateful expected, IStateful actual, StateKinds kinds = StateKinds.Persistent)
    {
        var a = expected.States(kinds);
        var b = actual.States(kinds);
        Assert.Equal(a.Select(e => e.Path), b.Select(e => e.Path));
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Value is NdArray<float> ta)
                Assert.True(ta.AsBytes().SequenceEqual(((NdArray<float>)b[i].Value!).AsBytes()), $"{a[i].Path} differs");
            else
                Assert.Equal(a[i].Value, b[i].Value);
        }
    }
}
