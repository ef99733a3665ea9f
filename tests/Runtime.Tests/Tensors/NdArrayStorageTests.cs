using Checkpoint.Formats.MsgPack;
using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Tensors;

/// <summary>
/// Where an <see cref="NdArray{T}"/> keeps its elements (a .NET array, native memory) and what a tensor too large for
/// one span offers. The tensors of more than 2^31 elements here are zero pages the OS has not handed out yet
/// (native memory is allocated zeroed and lazily), so they cost next to nothing until written.
/// </summary>
public class NdArrayStorageTests
{
    // 2^31 + 2^16 bytes and elements: more than one span, one .NET array and int.MaxValue can count.
    private static readonly int[] BeyondOneSpan = [1 << 15, (1 << 16) + 2];

    [Fact]
    public void Small_tensors_live_in_a_dotnet_array_and_large_ones_in_native_memory()
    {
        using var small = NdArray<float>.Zeros(4, 5);
        using var large = NdArray<byte>.Zeros(BeyondOneSpan);

        Assert.Equal(NdArrayStorage.Array, small.Storage);
        Assert.Same(small.Data, small.Data);
        Assert.Equal(NdArrayStorage.Native, large.Storage);
        Assert.Equal((long)BeyondOneSpan[0] * BeyondOneSpan[1], large.Length);
        Assert.True(large.Length > int.MaxValue);
    }

    [Fact]
    public void A_tensor_larger_than_one_span_refuses_whole_spans_with_a_clear_message_and_gives_pieces()
    {
        using var large = NdArray<byte>.Zeros(BeyondOneSpan);

        var span = Assert.Throws<NotSupportedException>(() => large.AsSpan());
        Assert.Contains("more than one span can hold", span.Message);
        Assert.Contains("AsSpan(start, length)", span.Message);
        var bytes = Assert.Throws<NotSupportedException>(() => large.AsBytes());
        Assert.Contains("read it in pieces with GetBytes", bytes.Message);
        var data = Assert.Throws<NotSupportedException>(() => large.Data);
        Assert.Contains("native memory", data.Message);

        // The last elements, past 2^31, through the indexer, a piece of elements and a piece of bytes.
        large[BeyondOneSpan[0] - 1, BeyondOneSpan[1] - 1] = 7;
        large.AsSpan(large.Length - 2, 1)[0] = 5;
        Assert.Equal([5, 7], large.GetBytes(large.ByteLength - 2, 100).ToArray());
        Assert.Equal(int.MaxValue, large.GetBytes(1, int.MaxValue).Length);
        Assert.Equal(large.ByteLength - int.MaxValue, large.GetBytes(int.MaxValue, int.MaxValue).Length);
    }

    [Fact]
    public void Native_storage_on_request_behaves_like_an_array()
    {
        using var native = NdArray<double>.Zeros([2, 3], NdArrayStorage.Native);
        var array = NdArray<double>.Zeros(2, 3);
        for (var i = 0; i < 6; i++)
        {
            native.AsSpan()[i] = i * 1.5;
            array.Data[i] = i * 1.5;
        }

        Assert.Equal(NdArrayStorage.Native, native.Storage);
        Assert.Equal(array, native);
        Assert.Equal(4.5, native[1, 0]);
        using var clone = native.Clone();
        Assert.Equal(NdArrayStorage.Native, clone.Storage);
        Assert.Equal(array, clone);
        clone[0, 0] = 99;
        Assert.Equal(0, native[0, 0]);
    }

    [Fact]
    public void A_disposed_native_tensor_throws_instead_of_touching_freed_memory()
    {
        var native = NdArray<int>.Zeros([3], NdArrayStorage.Native);
        native.Dispose();
        native.Dispose(); // twice is fine

        Assert.Throws<ObjectDisposedException>(() => native.AsSpan());
        Assert.Throws<ObjectDisposedException>(() => native.GetBytes(0, 4));
        var error = Assert.Throws<ObjectDisposedException>(() => MsgPackWriter.ToBytes(new TensorNode(native)));
        Assert.Contains("freed by Dispose", error.Message);
    }

    [Fact]
    public void Dispose_of_array_storage_changes_nothing()
    {
        var tensor = new NdArray<int>([1, 2, 3]);
        tensor.Dispose();
        Assert.Equal([1, 2, 3], tensor.AsSpan().ToArray());
    }

    [Fact]
    public void Array_storage_is_refused_for_more_elements_than_an_array_holds_and_other_storage_is_not_a_request()
    {
        var tooMany = Assert.Throws<ArgumentException>(() => NdArray<byte>.Zeros(BeyondOneSpan, NdArrayStorage.Array));
        Assert.Contains("NdArrayStorage.Native", tooMany.Message);
        Assert.Throws<ArgumentException>(() => NdArray<byte>.Zeros([2], NdArrayStorage.NumericsTensor));
    }

    [Fact]
    public void A_native_tensor_saves_and_loads_like_any_other_in_every_format()
    {
        using var dir = new TempDirectory();
        var saved = new Holder();
        for (var i = 0; i < 12; i++) saved.W.AsSpan()[i] = i - 5.5f;
        var expected = saved.W.AsSpan().ToArray();

        MsgPackCheckpoint.Save(dir.File("a.msgpack"), saved);
        NpzCheckpoint.Save(dir.File("a.npz"), saved);
        SafeTensorsCheckpoint.Save(dir.File("a.safetensors"), saved);

        var loaded = new[] { new Holder(), new Holder(), new Holder() };
        MsgPackCheckpoint.Load(dir.File("a.msgpack"), loaded[0]);
        NpzCheckpoint.Load(dir.File("a.npz"), loaded[1]);
        SafeTensorsCheckpoint.Load(dir.File("a.safetensors"), loaded[2]);
        Assert.All(loaded, model => Assert.Equal(expected, model.W.AsSpan().ToArray()));
        Assert.All(loaded, model => Assert.Equal(NdArrayStorage.Native, model.W.Storage));
    }

    [Fact]
    public void Full_fills_every_piece_and_reset_helpers_fill_native_tensors()
    {
        var full = NdArray<short>.Full(-3, 2, 5);
        Assert.All(full.Data, v => Assert.Equal(-3, v));

        using var native = NdArray<double>.Zeros([1000], NdArrayStorage.Native);
        Checkpoint.Generated.StateReset.Fill(native, -65.0);
        Assert.All(native.AsSpan().ToArray(), v => Assert.Equal(-65.0, v));
        Checkpoint.Generated.StateReset.Clear(native);
        Assert.All(native.AsSpan().ToArray(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Lossless_conversion_streams_any_size_and_matches_element_by_element()
    {
        // More elements than one conversion step (64 Ki), so the pieces join.
        var source = new NdArray<int>(Enumerable.Range(-70_000, 140_001).ToArray());
        using var target = NdArray<double>.Zeros([140_001], NdArrayStorage.Native);

        TensorConversion.Convert(source, target);

        Assert.Equal(source.Data.Select(v => (double)v).ToArray(), target.AsSpan().ToArray());
    }

    /// <summary>A model whose one parameter lives in native memory.</summary>
    private sealed class Holder : IStateful
    {
        public NdArray<float> W { get; set; } = NdArray<float>.Zeros([3, 4], NdArrayStorage.Native);

        public void VisitState(Checkpoint.Generated.StateVisitor visitor) =>
            Visit.Member(visitor, "w", StateKinds.Param, W, v => W = v!, Checkpoint.Generated.NdArrayCodec<float>.Instance);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => Checkpoint.Generated.GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => Checkpoint.Generated.GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => Checkpoint.Generated.GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }
}
