using Checkpoint.Formats;
using Checkpoint.Formats.SafeTensors;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>Reading safetensors files written by an independent writer (tests/Fixtures/safetensors/make_fixtures.py).</summary>
public class SafeTensorsFixtureTests
{
    public static TheoryData<string> Files => ArrayFixtures.SafeTensors.Named();

    [Theory]
    [MemberData(nameof(Files))]
    public void Opening_lazily_gives_every_tensor_and_the_metadata(string file)
    {
        var expected = ArrayFixtures.SafeTensors.Entry(file);
        using var st = SafeTensorsCheckpoint.Open(ArrayFixtures.SafeTensors.PathOf(file));
        var tensors = expected.GetProperty("tensors").EnumerateObject().ToList();
        Assert.Equal(tensors.Select(t => t.Name).Order(StringComparer.Ordinal), st.Names.Order(StringComparer.Ordinal));
        foreach (var tensor in tensors)
        {
            var node = Assert.IsType<TensorNode>(st.Root.GetPath(tensor.Name));
            Assert.False(node.IsLoaded);
            ArrayChecks.Matches(tensor.Value, node, $"{file}:{tensor.Name}");
        }

        var metadata = expected.GetProperty("metadata");
        if (metadata.ValueKind == System.Text.Json.JsonValueKind.Null) Assert.Null(st.Metadata);
        else Assert.Equal(metadata.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!), st.Metadata!);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void A_stream_that_cannot_seek_gives_the_same_tensors_in_memory(string file)
    {
        var tree = SafeTensorsReader.Read(new NonSeekableStream(new MemoryStream(ArrayFixtures.SafeTensors.Bytes(file))));
        foreach (var tensor in ArrayFixtures.SafeTensors.Entry(file).GetProperty("tensors").EnumerateObject())
        {
            var node = Assert.IsType<TensorNode>(tree.GetPath(tensor.Name));
            Assert.True(node.IsLoaded);
            ArrayChecks.Matches(tensor.Value, node, $"{file}:{tensor.Name}");
        }
    }

    [Fact]
    public void Names_nest_by_their_dots_in_the_order_of_the_data()
    {
        var tree = SafeTensorsCheckpoint.Load(ArrayFixtures.SafeTensors.PathOf("model.safetensors"));
        var model = Assert.IsType<StateDict>(tree["model"]);
        Assert.Equal(["step", "norm", "layers", "empty"], model.Keys);
        Assert.Equal(["1", "0"], Assert.IsType<StateDict>(model["layers"]).Keys);
        Assert.Equal(1234L, ((NdArray<long>)((TensorNode)model["step"]).Tensor).Data[0]);

        var flat = SafeTensorsCheckpoint.Load(ArrayFixtures.SafeTensors.PathOf("model.safetensors"), new LoadOptions { KeepDottedNames = true });
        Assert.Contains("model.layers.1.weight", flat.Keys);
    }

    [Fact]
    public void Opening_reads_only_the_header_and_a_tensor_reads_only_its_range()
    {
        var bytes = ArrayFixtures.SafeTensors.Bytes("model.safetensors");
        var headerLength = 8 + (int)BitConverter.ToUInt64(bytes);
        var counting = new CountingStream(new MemoryStream(bytes));
        using var st = SafeTensorsFile.Open(counting);
        Assert.Equal(headerLength, counting.BytesRead);
        var weight = (TensorNode)st.Root.GetPath("model.layers.0.weight");
        var target = NdArray<float>.Zeros(4, 3);
        weight.CopyTo(target);
        Assert.Equal(headerLength + 48, counting.BytesRead);
        Assert.False(weight.IsLoaded);
    }

    [Fact]
    public void Reading_after_the_file_is_closed_is_a_clear_error()
    {
        TensorNode node;
        using (var st = SafeTensorsCheckpoint.Open(ArrayFixtures.SafeTensors.PathOf("model.safetensors"))) node = (TensorNode)st.Root.GetPath("model.norm.scale");
        var error = Assert.Throws<CheckpointException>(() => node.Tensor);
        Assert.Contains("model.safetensors was closed", error.Message);
    }
}
