using Checkpoint.Formats.MsgPack;
using Checkpoint.Generated;
using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Tensors;

/// <summary>
/// The seam for tensor types of your own: anything implementing <see cref="INdArray"/> saves and loads through its
/// pieces, and <see cref="INdArrayFactory{TSelf}"/> lets a load create one. The test type splits its bytes into runs of
/// 5 bytes, across element boundaries, so every reader and writer must honour "a run may end early".
/// </summary>
public class ForeignTensorTests
{
    [Fact]
    public void A_tensor_in_odd_sized_pieces_saves_the_same_bytes_as_an_NdArray_and_loads_in_place()
    {
        var values = Enumerable.Range(0, 30).Select(i => i * 1.25 - 7).ToArray();
        var pieces = PiecesTensor.From(values, [5, 6]);
        var expected = MsgPackWriter.ToBytes(new StateDict { ["w"] = new TensorNode(new NdArray<double>(values, 5, 6)) });

        Assert.Equal(expected, MsgPackWriter.ToBytes(new StateDict { ["w"] = new TensorNode(pieces) }));
        // Chunked (a limit of 7 doubles) and in every format, pieces never line up with chunks or elements.
        var chunked = new SaveOptions { ChunkByteLimit = 56 };
        Assert.Equal(
            MsgPackWriter.ToBytes(new StateDict { ["w"] = new TensorNode(new NdArray<double>(values, 5, 6)) }, chunked),
            MsgPackWriter.ToBytes(new StateDict { ["w"] = new TensorNode(pieces) }, chunked));

        var model = new ForeignModel { Weight = PiecesTensor.Zeros(DType.Float64, [5, 6]) };
        var target = model.Weight;
        model.LoadStateDict(new StateDict { ["w"] = new TensorNode(new NdArray<double>(values, 5, 6)) });

        Assert.Same(target, model.Weight);
        Assert.Equal(values, model.Weight!.ToDoubles());
    }

    [Fact]
    public void A_null_member_is_created_by_the_factory_and_a_lossless_dtype_converts_across_pieces()
    {
        var model = new ForeignModel { Weight = null };
        var source = new NdArray<int>(Enumerable.Range(-10, 12).ToArray(), 3, 4);

        model.LoadStateDict(new StateDict { ["w"] = new TensorNode(source) }, new LoadOptions());

        Assert.NotNull(model.Weight);
        Assert.Equal(DType.Int32, model.Weight!.DType); // the factory took the file's dtype
        Assert.Equal([3, 4], model.Weight.Shape);

        var converted = new ForeignModel { Weight = PiecesTensor.Zeros(DType.Float64, [3, 4]) };
        converted.LoadStateDict(new StateDict { ["w"] = new TensorNode(source) });
        Assert.Equal(source.Data.Select(v => (double)v), converted.Weight!.ToDoubles());
    }

    [Fact]
    public void Without_a_factory_a_null_member_is_reported_naming_the_type()
    {
        var model = new UncreatableModel { Weight = null };

        var error = Assert.Throws<StateMismatchException>(() =>
            model.LoadStateDict(new StateDict { ["w"] = new TensorNode(NdArray<float>.Zeros(2)) }));

        Assert.Contains("'w'", error.Message);
        Assert.Contains("Checkpoint.INdArray cannot be created by the load: give it a tensor of the source's shape first", error.Message);
    }

    [Fact]
    public void A_generated_reset_fills_a_foreign_tensor_in_its_runtime_dtype_and_short_term_state_is_not_saved()
    {
        var trace = PiecesTensor.Zeros(DType.Float64, [2, 3]);
        var model = new ForeignModel { Weight = PiecesTensor.Zeros(DType.Float64, [1]), Trace = trace };

        model.ResetState();

        Assert.Same(trace, model.Trace);
        Assert.Equal(Enumerable.Repeat(1.5, 6), trace.ToDoubles());
        Assert.Equal(["w"], model.ToStateDict().Keys);
        Assert.Equal(["w", "Trace"], model.ToStateDict(StateKinds.All).Keys);
    }

    [Fact]
    public void A_foreign_tensor_in_a_plain_tree_round_trips_through_a_file()
    {
        using var dir = new TempDirectory();
        var values = Enumerable.Range(0, 9).Select(i => (double)i * i).ToArray();
        var path = MsgPackCheckpoint.Save(dir.File("f.msgpack"), new Dictionary<string, object?> { ["x"] = PiecesTensor.From(values, [3, 3]) });

        var target = PiecesTensor.Zeros(DType.Float64, [3, 3]);
        MsgPackCheckpoint.Restore(path, new Dictionary<string, object?> { ["x"] = target });

        Assert.Equal(values, target.ToDoubles());
    }
}

/// <summary>A generated model with a member of a foreign tensor type that can create itself.</summary>
public partial class ForeignModel
{
    [Param(Name = "w")]
    public PiecesTensor? Weight { get; set; }

    [ShortTerm(Fill = 1.5)]
    public PiecesTensor? Trace { get; set; }
}

/// <summary>A generated model whose member is typed as the seam itself: loads fill it, never create it.</summary>
public partial class UncreatableModel
{
    [Param(Name = "w")]
    public INdArray? Weight { get; set; }
}

/// <summary>A tensor whose bytes are handed out in runs of at most 5 (ending inside elements).</summary>
public sealed class PiecesTensor(DType dtype, int[] shape, byte[] bytes) : INdArray, INdArrayFactory<PiecesTensor>
{
    private const int Run = 5;

    public DType DType { get; } = dtype;

    public IReadOnlyList<int> Shape { get; } = shape;

    public long Length => bytes.Length / DType.ItemSize();

    public long ByteLength => bytes.Length;

    public static PiecesTensor Zeros(DType dtype, int[] shape) => new(dtype, shape, new byte[TensorShape.ElementCount(shape) * dtype.ItemSize()]);

    public static PiecesTensor From(double[] values, int[] shape) =>
        new(DType.Float64, shape, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    public static PiecesTensor Create(DType dtype, int[] shape) => Zeros(dtype, shape);

    public Span<byte> GetBytes(long byteOffset, int maxLength)
    {
        var length = NdArrayBytes.CheckRange(ByteLength, byteOffset, maxLength);
        var runEnd = (byteOffset / Run + 1) * Run;
        return bytes.AsSpan((int)byteOffset, (int)Math.Min(length, runEnd - byteOffset));
    }

    public INdArray Clone() => new PiecesTensor(DType, [.. Shape], (byte[])bytes.Clone());

    public double[] ToDoubles() => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray();
}
