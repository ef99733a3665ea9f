using Checkpoint.Generated;

namespace Checkpoint;

// The typed accessors of a leaf, for code that reads a loaded tree (StateDict) by hand. Each goes through the
// codec of its type (ScalarCodec<T>, StringCodec, NdArrayCodec<T>): a value reads here exactly as it would load
// into a model member of that type, so there is one mapping per type, not a second, looser one.
public abstract partial class StateNode
{
    /// <summary>
    /// The integer this leaf holds, as a <see cref="long"/>: a Python int, a numpy integer or bool scalar, or a float
    /// with an integral value (<c>3.0</c>), exactly as a <c>long</c> member would load it.
    /// </summary>
    /// <example><code>long epoch = MsgPackCheckpoint.LoadStateDict("ckpt.msgpack")["epoch"].AsInt64();</code></example>
    /// <exception cref="CheckpointException">The node holds something else (a map, a string, an array), or a number that does not convert exactly (<c>2.5</c>, or one out of range).</exception>
    public long AsInt64() => Read(ScalarCodec<long>.Instance, "AsInt64()");

    /// <summary>The integer this leaf holds, as an <see cref="int"/>; like <see cref="AsInt64"/>, and it must fit.</summary>
    /// <exception cref="CheckpointException">The node holds something else, or a number that is not an integer in the range of <see cref="int"/>.</exception>
    public int AsInt32() => Read(ScalarCodec<int>.Instance, "AsInt32()");

    /// <summary>
    /// The number this leaf holds, as a <see cref="double"/>: a Python float or int, or a numpy scalar of any real
    /// dtype (a float32 <c>0.1f</c> reads as the double nearest it, <c>0.10000000149011612</c>).
    /// </summary>
    /// <exception cref="CheckpointException">The node holds something else, a complex number with an imaginary part, or an integer a double cannot hold exactly (above 2^53).</exception>
    public double AsDouble() => Read(ScalarCodec<double>.Instance, "AsDouble()");

    /// <summary>The boolean this leaf holds: a Python or numpy bool, or the integers 0 and 1 (Python's bool is an int).</summary>
    /// <exception cref="CheckpointException">The node holds something else, or another number.</exception>
    public bool AsBoolean() => Read(ScalarCodec<bool>.Instance, "AsBoolean()");

    /// <summary>The text this leaf holds (a msgpack string).</summary>
    /// <exception cref="CheckpointException">The node holds something else, or None (test for it with <c>node.Kind == StateNodeKind.Null</c>).</exception>
    public string AsString() => Read(StringCodec.Instance, "AsString()") ?? throw HoldsNone("AsString()", "a string");

    /// <summary>
    /// The array this leaf holds, as a new <see cref="NdArray{T}"/> of its shape: the bytes are copied (read from the
    /// file if the array is still there) and converted when the dtypes differ and the conversion is lossless
    /// (int32 or float32 into <c>double</c>; not float64 into <c>float</c>). A numpy scalar gives a zero-dimensional
    /// array. <see cref="TensorNode.Tensor"/> gives the array itself, without a copy.
    /// </summary>
    /// <typeparam name="T">The element type (<see cref="float"/>, <see cref="double"/>, <see cref="int"/>, ...).</typeparam>
    /// <example><code>NdArray&lt;float&gt; weight = dict.GetPath("layer1.w").AsTensor&lt;float&gt;();</code></example>
    /// <exception cref="CheckpointException">The node is not an array (a map, a number, None), or its dtype does not convert losslessly to <typeparamref name="T"/>.</exception>
    public NdArray<T> AsTensor<T>()
        where T : unmanaged
    {
        var accessor = $"AsTensor<{TypeNames.Short(typeof(T))}>()";
        return Read(NdArrayCodec<T>.Instance, accessor) ?? throw HoldsNone(accessor, "an array");
    }

    private T Read<T>(ValueCodec<T> codec, string accessor)
    {
        var load = codec.Read(this, default!);
        if (load.Problem is { } problem) throw new CheckpointException($"{accessor} cannot read this node: {problem}.");
        if (load.CopyFrom is { } source) TensorLoads.Fill(source, load.CopyInto!);
        return load.Replacement;
    }

    private static CheckpointException HoldsNone(string accessor, string expected) =>
        new($"{accessor} cannot read this node: expected {expected}, found None.");
}
