using System.Numerics;
using System.Text;
using CsCheck;

namespace Checkpoint.Runtime.Tests.Properties;

/// <summary>CsCheck generators of random state trees with every leaf kind, and of random damage to their bytes.</summary>
internal static class TreeGen
{
    /// <summary>Any Unicode scalar value (no lone surrogates, which UTF-8 cannot carry), weighted towards ASCII.</summary>
    private static readonly Gen<string> Text =
        Gen.Frequency(
                (4, Gen.Int[0x20, 0x7e]),
                (1, Gen.Int[0, 0x1f]),
                (2, Gen.Int[0x80, 0xd7ff]),
                (1, Gen.Int[0xe000, 0xffff]),
                (1, Gen.Int[0x10000, 0x10ffff]))
            .Array[0, 12]
            .Select(points => string.Concat(points.Select(char.ConvertFromUtf32)));

    /// <summary>Doubles with the values that break naive codecs: NaN, -0.0, infinities, subnormals.</summary>
    private static readonly Gen<double> Double = Gen.Frequency(
        (3, Gen.Double),
        (1, Gen.Double.Special),
        (1, Gen.OneOf(Gen.Const(-0.0), Gen.Const(double.NaN), Gen.Const(double.Epsilon), Gen.Const(double.NegativeInfinity))));

    /// <summary>Shapes of rank 0 to 3 (0-d scalars included) with dimensions 0 to 4 (empty arrays included).</summary>
    private static readonly Gen<int[]> Shape = Gen.Int[0, 4].Array[0, 3];

    private static readonly Gen<DType> DTypeGen = Gen.Enum<DType>();

    private static Gen<INdArray> Array(Gen<int[]> shape) =>
        Gen.Select(DTypeGen, shape, Gen.Byte.Array[0, 200]).Select((dtype, dims, noise) => Filled(dtype, dims, noise));

    private static readonly Gen<StateNode> Leaf = Gen.OneOf<StateNode>(
        Array(Shape).Select(a => (StateNode)new TensorNode(a)),
        Array(Gen.Const(System.Array.Empty<int>())).Select(a => (StateNode)new NumpyScalarNode(a)),
        Gen.Long.Select(v => (StateNode)new IntegerNode(v)),
        Gen.ULong.Select(v => (StateNode)new IntegerNode(v)),
        Gen.OneOf(Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Const(-1L), Gen.Const(0L)).Select(v => (StateNode)new IntegerNode(v)),
        Gen.Const(ulong.MaxValue).Select(v => (StateNode)new IntegerNode(v)),
        Double.Select(v => (StateNode)new FloatNode(v)),
        Gen.Bool.Select(v => (StateNode)new BoolNode(v)),
        Text.Select(v => (StateNode)new StringNode(v)),
        Gen.Byte.Array[0, 40].Select(v => (StateNode)new BytesNode(v)),
        Gen.Select(Double, Double).Select((re, im) => (StateNode)new ComplexNode(new Complex(re, im))),
        Gen.Const<StateNode>(NullNode.Instance));

    /// <summary>A node: a leaf, or (above depth 3) sometimes a dictionary of nodes.</summary>
    private static readonly Gen<StateNode> Node = Gen.Recursive<StateNode>((depth, node) =>
        depth >= 3 ? Leaf : Gen.Frequency((2, Leaf), (1, Dict(node))));

    /// <summary>A nested state dictionary (up to 4 levels, up to 6 entries each) whose leaves are of every kind.</summary>
    public static readonly Gen<StateDict> Tree = Dict(Node).Select(root => (StateDict)root);

    private static Gen<StateNode> Dict(Gen<StateNode> child) =>
        Gen.Select(Text, child).Array[0, 6].Select(entries =>
        {
            var dict = new StateDict();
            foreach (var (key, value) in entries) dict[key] = value; // a repeated key keeps its first place
            return (StateNode)dict;
        });

    // Random element bytes; bools must hold 0 or 1.
    private static INdArray Filled(DType dtype, int[] shape, byte[] noise)
    {
        var array = DTypes.CreateTensor(dtype, shape);
        var bytes = array.AsBytes();
        for (var i = 0; i < bytes.Length; i++) bytes[i] = noise.Length == 0 ? (byte)i : noise[i % noise.Length];
        if (dtype == DType.Bool)
        {
            for (var i = 0; i < bytes.Length; i++) bytes[i] &= 1;
        }

        return array;
    }

    /// <summary>Damage to a file: flipped bits, a truncation, or inserted bytes, at random places.</summary>
    public static Gen<Func<byte[], byte[]>> Mutation => Gen.OneOf(
        Gen.Select(Gen.Int.NonNegative.Array[1, 4], Gen.Int[0, 7]).Select((places, bit) => (Func<byte[], byte[]>)(bytes =>
        {
            var copy = (byte[])bytes.Clone();
            foreach (var place in places) copy[place % copy.Length] ^= (byte)(1 << bit);
            return copy;
        })),
        Gen.Double.Unit.Select(fraction => (Func<byte[], byte[]>)(bytes => bytes[..(int)(bytes.Length * fraction)])),
        Gen.Select(Gen.Int.NonNegative, Gen.Byte.Array[1, 9]).Select((place, inserted) => (Func<byte[], byte[]>)(bytes =>
        {
            var at = place % (bytes.Length + 1);
            return [.. bytes[..at], .. inserted, .. bytes[at..]];
        })));

    /// <summary>A short description of a tree for CsCheck's failure report.</summary>
    public static string Describe(StateNode node) => node is StateDict dict
        ? "{" + string.Join(", ", dict.Select(p => $"{Quote(p.Key)}: {Describe(p.Value)}")) + "}"
        : node.ToString() ?? node.Kind.ToString();

    private static string Quote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var rune in s.EnumerateRunes()) builder.Append(rune.Value is < 0x20 or > 0x7e ? $"\\u{{{rune.Value:x}}}" : rune.ToString());
        return builder.Append('"').ToString();
    }
}
