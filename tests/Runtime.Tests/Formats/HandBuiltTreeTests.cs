using System.Numerics;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Trees built in C# from their description give exactly the bytes Python wrote.</summary>
public class HandBuiltTreeTests
{
    private static void AssertSameAsFixture(string file, StateNode tree) =>
        Assert.Equal(Hex.Of(Fixtures.Bytes(file)), Hex.Of(MsgPackWriter.ToBytes(tree)));

    [Fact]
    public void Nested_dicts() => AssertSameAsFixture("10_nested_dicts.msgpack", new StateDict
    {
        { "model", new StateDict
            {
                { "layer1", new StateDict { { "w", new NdArray<float>([1f, 2f, 3f, 4f], 2, 2) }, { "b", new NdArray<float>([0.5f, -0.5f], 2) } } },
                { "cfg", new StateDict { { "lr", 0.01 }, { "name", "lif" } } },
            }
        },
        { "epoch", 3 },
    });

    [Fact]
    public void Python_scalars() => AssertSameAsFixture("12_python_scalars.msgpack", new StateDict
    {
        { "i", 42 }, { "neg", -7 }, { "f", 0.5 }, { "s", "hello" }, { "uni", "h\u00e9llo \u2713" },
        { "t", true }, { "fl", false }, { "n", NullNode.Instance }, { "big", 1L << 40 },
    });

    [Fact]
    public void Complex() => AssertSameAsFixture("13_complex.msgpack", new StateDict { { "c", new Complex(3, 4) } });

    [Fact]
    public void Numpy_scalars() => AssertSameAsFixture("14_numpy_scalars.msgpack", new StateDict
    {
        { "f32", NumpyScalarNode.From(2.5f) },
        { "f64", NumpyScalarNode.From(-1.25) },
        { "i64", NumpyScalarNode.From(7L) },
        { "b", NumpyScalarNode.From(true) },
        { "c128", NumpyScalarNode.From(new Complex(1, -2)) },
    });

    [Fact]
    public void Chunked_with_limit_64()
    {
        var tree = new StateDict
        {
            { "big", new NdArray<float>(Enumerable.Range(0, 40).Select(i => (float)i).ToArray(), 5, 8) },
            { "small", new NdArray<float>([0f, 1f, 2f, 3f], 4) },
        };

        Assert.Equal(Hex.Of(Fixtures.Bytes("15_chunked.msgpack")), Hex.Of(MsgPackWriter.ToBytes(tree, new SaveOptions { ChunkByteLimit = 64 })));
    }

    [Fact]
    public void Top_level_array() =>
        AssertSameAsFixture("20_top_level_array.msgpack", new TensorNode(new NdArray<short>([0, 1, 2], 3)));

    [Fact]
    public void Empty_containers() => AssertSameAsFixture("26_empty_containers.msgpack", new StateDict
    {
        { "ed", new StateDict() }, { "el", new StateDict() }, { "et", new StateDict() },
    });
}
