namespace Checkpoint.Generators.Emitting;

/// <summary>The runtime names generated code refers to, fully qualified.</summary>
internal static class Names
{
    public const string IStateful = "global::Checkpoint.IStateful";
    public const string StateKinds = "global::Checkpoint.StateKinds";
    public const string StateEntry = "global::Checkpoint.StateEntry";
    public const string StateDict = "global::Checkpoint.StateDict";
    public const string LoadReport = "global::Checkpoint.LoadReport";
    public const string LoadOptions = "global::Checkpoint.LoadOptions";
    public const string StateVisitor = "global::Checkpoint.Generated.StateVisitor";
    public const string GeneratedModel = "global::Checkpoint.Generated.GeneratedModel";
    public const string StateReset = "global::Checkpoint.Generated.StateReset";
    public const string NdArrayCodec = "global::Checkpoint.Generated.NdArrayCodec";
    public const string ArrayCodec = "global::Checkpoint.Generated.ArrayCodec";
    public const string ScalarCodec = "global::Checkpoint.Generated.ScalarCodec";
    public const string StringCodec = "global::Checkpoint.Generated.StringCodec";
    public const string EnumCodec = "global::Checkpoint.Generated.EnumCodec";
    public const string QuantityCodec = "global::Checkpoint.Generated.QuantityCodec";
    public const string NumericsTensorCodec = "global::Checkpoint.Generated.NumericsTensorCodec";
    public const string ForeignTensorCodec = "global::Checkpoint.Generated.ForeignTensorCodec";
    public const string NumericsTensor = "global::System.Numerics.Tensors.Tensor";
    public const string NdArray = "global::Checkpoint.NdArray";
    public const string Quantity = "global::Checkpoint.Quantity";
    public const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";
    public const string BFloat16 = "global::Checkpoint.BFloat16";
    public const string Complex = "global::System.Numerics.Complex";
}
