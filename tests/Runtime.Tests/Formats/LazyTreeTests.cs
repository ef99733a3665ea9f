using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>
/// Opening a file reads and checks its whole structure but leaves array bytes in the file: lazy leaves that know
/// their dtype and shape and read their bytes when asked (<see cref="CheckpointFile"/>).
/// </summary>
public class LazyTreeTests
{
    private static StateDict Sample() => new()
    {
        { "params", new StateDict
            {
                { "w", new NdArray<float>([1f, 2f, 3f, 4f], 2, 2) },
                { "b", new NdArray<double>([0.5], 1) },
            }
        },
        { "step", 10 },
        { "scale", NumpyScalarNode.From(2.5f) },
        { "name", "lif" },
        { "empty", new StateDict() },
    };

    private static string WriteSample(Files.TempDirectory dir)
    {
        var path = dir.File("s.msgpack");
        File.WriteAllBytes(path, MsgPackWriter.ToBytes(Sample()));
        return path;
    }

    [Fact]
    public void Open_leaves_arrays_in_the_file_and_reads_small_leaves()
    {
        using var dir = new Files.TempDirectory();
        using var file = MsgPackCheckpoint.Open(WriteSample(dir));

        var root = file.RootMap;
        Assert.Equal(["params.w", "params.b", "step", "scale", "name"], root.Leaves().Select(l => l.Key));
        var w = Assert.IsType<TensorNode>(root.GetPath("params.w"));
        Assert.False(w.IsLoaded);
        Assert.Equal(DType.Float32, w.DType);
        Assert.Equal([2, 2], w.Shape);
        Assert.Equal(16, w.ByteLength);
        Assert.Equal(10, Assert.IsType<IntegerNode>(root["step"]).Value);
        Assert.IsType<NumpyScalarNode>(root["scale"]);
        Assert.Equal(0, Assert.IsType<StateDict>(root["empty"]).Count);
        Assert.False(root.TryGetPath("params.missing", out _));
    }

    [Fact]
    public void Lazy_leaves_read_exactly_their_bytes()
    {
        using var dir = new Files.TempDirectory();
        var expected = Sample();
        using var file = MsgPackCheckpoint.Open(WriteSample(dir));

        foreach (var path in new[] { "params.w", "params.b" })
        {
            var lazy = (TensorNode)file.RootMap.GetPath(path);
            var bytes = ((TensorNode)expected.GetPath(path)).Tensor.AsBytes().ToArray();
            var piece = new byte[bytes.Length - 1];
            lazy.ReadBytes(1, piece);
            Assert.Equal(bytes[1..], piece);
            Assert.Equal(bytes, lazy.Tensor.AsBytes().ToArray());
            Assert.True(lazy.IsLoaded);
        }
    }

    [Fact]
    public void Copying_into_a_destination_of_the_wrong_size_or_dtype_is_refused()
    {
        using var dir = new Files.TempDirectory();
        using var file = MsgPackCheckpoint.Open(WriteSample(dir));
        var w = (TensorNode)file.RootMap.GetPath("params.w");

        Assert.Throws<ArgumentException>(() => w.CopyTo(NdArray<float>.Zeros(3)));
        Assert.Throws<ArgumentException>(() => w.CopyTo(NdArray<int>.Zeros(2, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.ReadBytes(10, new byte[10]));
    }

    [Fact]
    public void Arrays_not_read_before_the_file_closes_say_so()
    {
        using var dir = new Files.TempDirectory();
        TensorNode w;
        using (var file = MsgPackCheckpoint.Open(WriteSample(dir))) w = (TensorNode)file.RootMap.GetPath("params.w");

        var error = Assert.Throws<CheckpointException>(() => w.Tensor);
        Assert.Contains("s.msgpack", error.Message);
        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public void Data_gone_since_opening_is_a_format_error_naming_the_file()
    {
        using var dir = new Files.TempDirectory();
        var path = WriteSample(dir);
        using var file = MsgPackCheckpoint.Open(path);
        var w = (TensorNode)file.RootMap.GetPath("params.w");
        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(w.DataOffset + 3);

        var error = Assert.Throws<CheckpointFormatException>(() => w.CopyTo(NdArray<float>.Zeros(2, 2)));

        Assert.Equal(Path.GetFullPath(path), error.FileName);
    }

    [Fact]
    public void A_load_that_finds_the_data_gone_names_the_entry()
    {
        using var dir = new Files.TempDirectory();
        var path = WriteSample(dir);
        using var file = MsgPackCheckpoint.Open(path);
        var w = (TensorNode)file.RootMap.GetPath("params.w");
        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(w.DataOffset + 3);
        var target = new StateDict { { "w", NdArray<float>.Zeros(2, 2) } };

        var error = Assert.Throws<CheckpointFormatException>(() =>
            Checkpoint.Loading.TemplateTarget.Restore(target, file.RootMap["params"], LoadOptions.Default with { Mismatch = Mismatch.Ignore }, CancellationToken.None, out _));

        Assert.Equal("w", error.PathInFile);
    }

    [Fact]
    public void A_load_that_finds_a_later_entry_gone_names_that_entry()
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("three.msgpack");
        MsgPackCheckpoint.Save(path, new StateDict { ["a"] = NdArray<float>.Full(1f, 4), ["n"] = 3, ["b"] = NdArray<float>.Full(2f, 4) });
        using var file = MsgPackCheckpoint.Open(path);
        var b = (TensorNode)file.RootMap["b"];
        using (var truncate = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite)) truncate.SetLength(b.DataOffset + 3);
        var target = new StateDict { ["a"] = NdArray<float>.Zeros(4), ["n"] = 0, ["b"] = NdArray<float>.Zeros(4) };

        var error = Assert.Throws<CheckpointFormatException>(() =>
            Checkpoint.Loading.TemplateTarget.Restore(target, file.RootMap, LoadOptions.Default, CancellationToken.None, out _));

        // "a" was copied, "n" copies no array bytes: the second copy is "b"'s.
        Assert.Equal("b", error.PathInFile);
    }

    [Fact]
    public void Top_level_array_is_a_lazy_root()
    {
        using var file = MsgPackCheckpoint.Open(Path.Combine(Fixtures.Directory, "20_top_level_array.msgpack"));

        var root = Assert.IsType<TensorNode>(file.Root);
        Assert.Equal(DType.Int16, root.DType);
        Assert.False(root.IsLoaded);
        Assert.Throws<CheckpointException>(() => file.RootMap);
    }

    [Theory]
    [MemberData(nameof(FixtureTests.Files), MemberType = typeof(FixtureTests))]
    public void Lazy_and_full_reads_agree_on_every_fixture(string file)
    {
        var full = MsgPackReader.FromBytes(Fixtures.Bytes(file));
        using var opened = MsgPackCheckpoint.Open(Path.Combine(Fixtures.Directory, file));

        var expectedLeaves = full is StateDict map ? map.Leaves().ToList() : [KeyValuePair.Create("", full)];
        var lazyLeaves = opened.Root is StateDict lazyMap ? lazyMap.Leaves().ToList() : [KeyValuePair.Create("", opened.Root)];
        Assert.Equal(expectedLeaves.Select(l => l.Key), lazyLeaves.Select(l => l.Key));
        foreach (var (path, node) in lazyLeaves)
        {
            var expected = expectedLeaves.Single(l => l.Key == path).Value;
            Assert.Equal(expected.Kind, node.Kind);
            if (node is TensorNode lazy)
                Assert.Equal(((TensorNode)expected).Tensor.AsBytes().ToArray(), lazy.Tensor.AsBytes().ToArray());
        }
    }
}
