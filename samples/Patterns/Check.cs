namespace Checkpoint.Patterns;

/// <summary>The samples' own checks: a failed one ends the pattern with a non-zero exit code.</summary>
internal static class Check
{
    public static void That(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException("check failed: " + what);
    }

    public static bool SameParams(IStateful a, IStateful b) =>
        a.States(StateKinds.Param).Zip(b.States(StateKinds.Param))
            .All(pair => pair.First.Path == pair.Second.Path
                && ((NdArray<float>)pair.First.Value!).AsBytes().SequenceEqual(((NdArray<float>)pair.Second.Value!).AsBytes()));
}
