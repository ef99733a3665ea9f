using System.Numerics;

namespace Checkpoint;

/// <summary>What a <see cref="StateNode"/> holds; the node kinds of a braintools msgpack file.</summary>
public enum StateNodeKind
{
    /// <summary>An ordered map with string keys (<see cref="StateDict"/>). Lists are maps with keys "0", "1", ....</summary>
    Map,
    /// <summary>An n-dimensional array (msgpack ext 1).</summary>
    Tensor,
    /// <summary>A numpy scalar with a dtype (msgpack ext 3).</summary>
    NumpyScalar,
    /// <summary>A Python complex (msgpack ext 2).</summary>
    Complex,
    /// <summary>An integer (native msgpack int).</summary>
    Integer,
    /// <summary>A float64 (native msgpack float).</summary>
    Float,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>A UTF-8 string.</summary>
    String,
    /// <summary>A byte string (msgpack bin).</summary>
    Bytes,
    /// <summary>None / null.</summary>
    Null,
}

/// <summary>
/// A node of a state tree: a <see cref="StateDict"/> (map) or a leaf. Leaves convert implicitly from the .NET
/// values they hold, so <c>dict["epoch"] = 10;</c> and <c>dict["w"] = tensor;</c> work.
/// </summary>
public abstract partial class StateNode
{
    private protected StateNode()
    {
    }

    /// <summary>What this node holds.</summary>
    public abstract StateNodeKind Kind { get; }

    /// <summary>A tensor leaf.</summary>
    public static implicit operator StateNode(NdArray<float> value) => new TensorNode(value);
    /// <summary>A tensor leaf.</summary>
    public static implicit operator StateNode(NdArray<double> value) => new TensorNode(value);
    /// <summary>A tensor leaf.</summary>
    public static implicit operator StateNode(NdArray<int> value) => new TensorNode(value);
    /// <summary>A tensor leaf.</summary>
    public static implicit operator StateNode(NdArray<long> value) => new TensorNode(value);
    /// <summary>An integer leaf.</summary>
    public static implicit operator StateNode(int value) => new IntegerNode(value);
    /// <summary>An integer leaf.</summary>
    public static implicit operator StateNode(long value) => new IntegerNode(value);
    /// <summary>A float64 leaf.</summary>
    public static implicit operator StateNode(double value) => new FloatNode(value);
    /// <summary>A float32 numpy scalar leaf (so its dtype survives a round trip).</summary>
    public static implicit operator StateNode(float value) => NumpyScalarNode.From(value);
    /// <summary>A boolean leaf.</summary>
    public static implicit operator StateNode(bool value) => new BoolNode(value);
    /// <summary>A string leaf, or a null leaf for null.</summary>
    public static implicit operator StateNode(string? value) => value is null ? NullNode.Instance : new StringNode(value);
    /// <summary>A byte-string leaf, or a null leaf for null.</summary>
    public static implicit operator StateNode(byte[]? value) => value is null ? NullNode.Instance : new BytesNode(value);
    /// <summary>A complex leaf.</summary>
    public static implicit operator StateNode(Complex value) => new ComplexNode(value);
}
