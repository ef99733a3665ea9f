namespace Checkpoint.Generators.Emitting;

/// <summary>The runtime names generated code refers to, fully qualified.</summary>
internal static class Names
{
    public const string IStateful = "global::Checkpoint.IStateful";
    public const string StateCollector = "global::Checkpoint.StateCollector";
    public const string StateKinds = "global::Checkpoint.StateKinds";
    public const string StateEntry = "global::Checkpoint.StateEntry";
    public const string StateTree = "global::Checkpoint.StateTree";
    public const string StateDict = "global::Checkpoint.StateDict";
    public const string StateLoader = "global::Checkpoint.StateLoader";
    public const string LoadReport = "global::Checkpoint.LoadReport";
    public const string LoadOptions = "global::Checkpoint.LoadOptions";
    public const string StateReset = "global::Checkpoint.StateReset";
    public const string TensorAccessor = "global::Checkpoint.TensorAccessor";
    public const string ArrayAccessor = "global::Checkpoint.ArrayAccessor";
    public const string ScalarAccessor = "global::Checkpoint.ScalarAccessor";
    public const string StringAccessor = "global::Checkpoint.StringAccessor";
    public const string EnumAccessor = "global::Checkpoint.EnumAccessor";
    public const string QuantityAccessor = "global::Checkpoint.QuantityAccessor";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string BFloat16 = "global::Checkpoint.BFloat16";
    public const string Complex = "global::System.Numerics.Complex";
}
