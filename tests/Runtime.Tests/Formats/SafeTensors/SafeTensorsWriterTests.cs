using System.Numerics;
using System.Text;
using Checkpoint.Formats.Npy;
using Checkpoint.Formats.SafeTensors;
using Checkpoint.Runtime.Tests.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>The writer lays files out as the reference implementation does and refuses what the format cannot hold.</summary>
public class SafeTensorsWriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("safetensors-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] Write(StateNode tree, SaveOptions? options = null)
    {
        var output = new MemoryStream();
        SafeTensorsWriter.Write(output, tree, options);
        return output.ToArray();
    }

    // The expected bytes are the reference implementation's own test vectors (safetensors/src/tensor.rs:
    // test_serialization, test_empty), not computed here.
    [Fact]
    public void The_reference_implementations_test_vectors_come_out_byte_for_byte()
    {
        var attn = new StateDict { ["attn"] = new StateDict { ["0"] = new TensorNode(new NdArray<float>([0, 1, 2, 3, 4, 5], 1, 2, 3)) } };
        byte[] expected =
        [
            64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
            116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
            58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
            101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
            0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
        ];
        Assert.Equal(expected, Write(attn));

        Assert.Equal([8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32], Write(new StateDict()));
        byte[] withMetadata =
        [
            40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
            95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
            116, 34, 125, 125, 32, 32, 32, 32, 32,
        ];
        Assert.Equal(withMetadata, Write(new StateDict(), new SaveOptions { Metadata = new Dictionary<string, string> { ["framework"] = "pt" } }));
    }

    [Fact]
    public void Tensors_are_ordered_by_dtype_largest_first_then_by_name_bytes()
    {
        var tree = new StateDict
        {
            ["b"] = new TensorNode(NdArray<byte>.Zeros(3)),
            ["z"] = new TensorNode(NdArray<float>.Zeros(1)),
            ["a"] = new TensorNode(NdArray<float>.Zeros(1)),
            ["d"] = new TensorNode(NdArray<double>.Zeros(1)),
            ["l"] = new TensorNode(NdArray<long>.Zeros(1)),
            ["h"] = new TensorNode(NdArray<BFloat16>.Zeros(1)),
            ["\u00e9"] = new TensorNode(NdArray<float>.Zeros(1)),
            ["\U0001F600"] = new TensorNode(NdArray<float>.Zeros(1)),
            ["\uFFFD"] = new TensorNode(NdArray<float>.Zeros(1)),
        };
        using var file = SafeTensorsFile.Open(new MemoryStream(Write(tree)));
        // UTF-8 byte order puts U+FFFD (EF BF BD) before U+1F600 (F0 ...); UTF-16 order would not.
        Assert.Equal(["l", "d", "a", "z", "\u00e9", "\uFFFD", "\U0001F600", "h", "b"], file.Names);
    }

    [Fact]
    public void Names_are_escaped_as_serde_json_escapes_them()
    {
        var tree = new StateDict { ["q\"\\\n\u0001\u007f\u00e9"] = new TensorNode(NdArray<byte>.Zeros(1)) };
        var bytes = Write(tree);
        var header = Encoding.UTF8.GetString(bytes, 8, (int)BitConverter.ToUInt64(bytes));
        Assert.StartsWith("{\"q\\\"\\\\\\n\\u0001\u007f\u00e9\":", header);
        using var file = SafeTensorsFile.Open(new MemoryStream(bytes));
        Assert.Equal(tree.Keys, file.Names);
    }

    public static TheoryData<StateNode, string> Unwritable => new()
    {
        { new TensorNode(NdArray<Complex>.Zeros(2)), "complex128" },
        { new IntegerNode(3), "tensors only" },
        { new FloatNode(0.5), "tensors only" },
        { new StringNode("x"), "a string" },
        { NullNode.Instance, "None" },
        { new BytesNode([1]), "a byte string" },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void What_safetensors_cannot_hold_is_refused_naming_the_path_and_nothing_is_written(StateNode leaf, string expected)
    {
        var path = Path.Combine(_dir, "refused.safetensors");
        var tree = new StateDict { ["ok"] = new TensorNode(NdArray<float>.Zeros(2)), ["inner"] = new StateDict { ["bad"] = leaf } };
        var error = Assert.Throws<CheckpointException>(() => SafeTensorsCheckpoint.Save(path, tree));
        Assert.Contains("'inner.bad'", error.Message);
        Assert.Contains(expected, error.Message);
        Assert.False(File.Exists(path));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void A_key_with_a_dot_is_refused_because_it_would_come_back_nested()
    {
        var tree = new StateDict { ["a.b"] = new TensorNode(NdArray<float>.Zeros(2)) };
        var error = Assert.Throws<CheckpointException>(() => SafeTensorsWriter.Write(new MemoryStream(), tree));
        Assert.Contains("'a.b'", error.Message);
        Assert.Contains("contains '.'", error.Message);
    }

    [Fact]
    public void Numpy_scalars_and_complex64_are_written_and_read_back()
    {
        var tree = new StateDict { ["tau"] = NumpyScalarNode.From(2.5f), ["z"] = new TensorNode(new NdArray<Complex64>([new(1, -1)], 1)) };
        var path = Path.Combine(_dir, "scalars.safetensors");
        SafeTensorsCheckpoint.Save(path, tree, options: new SaveOptions { Metadata = new Dictionary<string, string> { ["format"] = "np" } });
        var back = SafeTensorsCheckpoint.Load(path);
        var tau = Assert.IsType<TensorNode>(back["tau"]);
        Assert.Empty(tau.Shape);
        Assert.Equal(2.5f, ((NdArray<float>)tau.Tensor).Data[0]);
        Assert.Equal(new Complex64(1, -1), ((NdArray<Complex64>)((TensorNode)back["z"]).Tensor).Data[0]);
        using var file = SafeTensorsCheckpoint.Open(path);
        Assert.Equal("np", file.Metadata!["format"]);
    }

    [Fact]
    public void Converting_an_npz_to_safetensors_streams_from_the_open_archive()
    {
        var npz = ArrayFixtures.Numpy.PathOf("savez_compressed.npz");
        var output = Path.Combine(_dir, "converted.safetensors");
        var progress = new List<long>();
        using (var archive = NpzCheckpoint.Open(npz))
        {
            archive.Root.Remove("z"); // complex64 is fine, but test the rest without it too
            SafeTensorsCheckpoint.Save(output, archive.Root, options: new SaveOptions { Progress = new SyncProgress(progress) });
            Assert.All(archive.Root.Leaves(), leaf => Assert.False(((TensorNode)leaf.Value).IsLoaded));
        }

        Assert.Equal(new FileInfo(output).Length, progress[^1]);
        var expected = ArrayFixtures.Numpy.Entry("savez_compressed.npz").GetProperty("arrays");
        var back = SafeTensorsCheckpoint.Load(output);
        foreach (var (name, node) in back.Leaves())
            ArrayChecks.Matches(expected.GetProperty(name), (TensorNode)node, name);
        Assert.Equal(10, back.Leaves().Count());
    }

    [Fact]
    public void A_cancelled_save_leaves_no_file()
    {
        var path = Path.Combine(_dir, "cancelled.safetensors");
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => SafeTensorsCheckpoint.Save(path, new StateDict { ["a"] = new TensorNode(NdArray<float>.Zeros(4)) }, cancellationToken: cancel.Token));
        Assert.Empty(Directory.GetFiles(_dir));
    }

    private sealed class SyncProgress(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }
}
