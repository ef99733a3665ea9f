using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using Checkpoint.Generated;
using Checkpoint.Runtime.Tests.Files;
using MessagePack;

namespace Checkpoint.Runtime.Tests.Tensors;

/// <summary>
/// Tensors beyond 2 GiB through real files: a 3 GiB float32 parameter saved and loaded by a child process that
/// measures its peak memory, and a chunked array of more than 2^31 bytes and elements laid out as braintools writes it.
/// Contents are compared by hashes taken piece by piece, never by a second copy. One at a time (a collection of their
/// own, not run in parallel with each other) to keep the machine's memory free; Linux only (/proc for the memory).
/// </summary>
[Collection(nameof(LargeTensorTests))]
[CollectionDefinition(nameof(LargeTensorTests), DisableParallelization = true)]
public class LargeTensorTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const long MiB = 1 << 20;

    // 786,432 x 1,024 float32 = 3 GiB exactly: three braintools chunks of 2^30 bytes.
    private const int Rows = 786_432;
    private const int Columns = 1_024;

    [SkippableFact]
    public async Task A_3_GiB_float32_parameter_round_trips_bit_exactly_through_a_file_within_its_size_plus_64_MiB()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "peak memory is read from /proc");
        using var dir = new TempDirectory();
        var path = dir.File("big.msgpack");
        var shape = new[] { Rows.ToString(CultureInfo.InvariantCulture), Columns.ToString(CultureInfo.InvariantCulture) };

        var saved = Parse((await ChildProcesses.RunAsync("LargeTensorChild", TimeSpan.FromMinutes(5), ["save", path, .. shape])).Output);
        var loaded = Parse((await ChildProcesses.RunAsync("LargeTensorChild", TimeSpan.FromMinutes(5), ["load", path, .. shape])).Output);

        const long tensorBytes = 3L << 30;
        Assert.Equal(tensorBytes.ToString(CultureInfo.InvariantCulture), saved["tensor"]);
        Assert.Equal("Native", saved["storage"]);
        Assert.Equal(saved["hash"], loaded["hash"]);
        Assert.NotEqual(ZerosHash(tensorBytes), loaded["hash"]); // the control: a load that did nothing would not match
        // Written the braintools way: over 2^30 bytes, a chunked map (three chunks of 2^30 bytes).
        Assert.True(new FileInfo(path).Length > tensorBytes);
        using (var file = MsgPackCheckpoint.Open(path))
            Assert.Equal(tensorBytes, ((TensorNode)((StateDict)file.Root)["Embedding"]).ByteLength);

        foreach (var (what, run) in new[] { ("save", saved), ("load into the existing tensor", loaded) })
        {
            var used = long.Parse(run["peak"], CultureInfo.InvariantCulture) - long.Parse(run["baseline"], CultureInfo.InvariantCulture);
            output.WriteLine($"3 GiB {what}: peak resident {used / MiB} MiB above the process before the tensor existed ({run["peak"]} - {run["baseline"]} bytes)");
            Assert.True(used <= tensorBytes + 64 * MiB, $"{what} peaked at {used / MiB} MiB over the baseline, more than the tensor + 64 MiB");
        }
    }

    [Fact]
    public void A_chunked_array_of_more_than_2_pow_31_bytes_written_the_braintools_way_loads()
    {
        // uint8[2049, 2^20]: 2^31 + 2^20 bytes and elements, in chunks of 2^30 elements (2^30, 2^30, 2^20) as
        // braintools splits it. The file is sparse: headers and a marker byte at each chunk's edges, holes between.
        using var dir = new TempDirectory();
        var path = dir.File("chunked.msgpack");
        int[] shape = [2049, 1 << 20];
        var total = (long)shape[0] * shape[1];
        var markers = SparseChunkedFile.Write(path, "big", shape, chunkBytes: 1L << 30);

        using (var file = MsgPackCheckpoint.Open(path))
        {
            var leaf = Assert.IsType<TensorNode>(((StateDict)file.Root)["big"]);
            Assert.Equal(DType.UInt8, leaf.DType);
            Assert.Equal(shape, leaf.Shape);
            Assert.Equal(total, leaf.ByteLength);
        }

        var model = new BytesModel(shape);
        try
        {
            MsgPackCheckpoint.Load(path, model);
            Assert.Equal(NdArrayStorage.Native, model.Big.Storage);
            foreach (var (offset, value) in markers) Assert.Equal(value, model.Big.GetBytes(offset, 1)[0]);
            Assert.Equal(ExpectedHash(total, markers), Hash(model.Big));
        }
        finally
        {
            model.Big.Dispose();
        }
    }

    private static Dictionary<string, string> Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);

    private static string Hash(INdArray tensor)
    {
        var hash = new XxHash3();
        tensor.ForEachPiece((_, piece) => hash.Append(piece), 64 << 20);
        return Convert.ToHexString(hash.GetCurrentHash());
    }

    private static string ZerosHash(long bytes) => ExpectedHash(bytes, []);

    // The hash of zeros with the markers set, made in pieces from the description (nothing read back).
    private static string ExpectedHash(long length, IReadOnlyList<(long Offset, byte Value)> markers)
    {
        var hash = new XxHash3();
        var piece = new byte[64 << 20];
        for (long start = 0; start < length; start += piece.Length)
        {
            var span = piece.AsSpan(0, (int)Math.Min(piece.Length, length - start));
            span.Clear();
            foreach (var (offset, value) in markers)
                if (offset >= start && offset < start + span.Length) span[(int)(offset - start)] = value;
            hash.Append(span);
        }

        return Convert.ToHexString(hash.GetCurrentHash());
    }

    /// <summary>A model with one uint8 parameter of a given shape (in native memory when large).</summary>
    private sealed class BytesModel(int[] shape) : IStateful
    {
        public NdArray<byte> Big { get; set; } = NdArray<byte>.Zeros(shape);

        public void VisitState(StateVisitor visitor) =>
            Visit.Member(visitor, "big", StateKinds.Param, Big, v => Big = v!, NdArrayCodec<byte>.Instance);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }

    /// <summary>
    /// Writes <c>{key: chunked uint8 array}</c> the way braintools' msgpack writer lays it out, encoded here with
    /// MessagePack-CSharp (not this library's writer): <c>{"__msgpack_chunked_array__": true, "shape": {"0": d0, ...},
    /// "chunks": {"0": ext 1 [shape, "uint8", bin], ...}}</c>. Only headers and markers are written; the data are holes.
    /// </summary>
    private static class SparseChunkedFile
    {
        public static List<(long Offset, byte Value)> Write(string path, string key, int[] shape, long chunkBytes)
        {
            var total = (long)shape[0] * shape[1];
            var chunkCount = (int)((total + chunkBytes - 1) / chunkBytes);
            var markers = new List<(long Offset, byte Value)>();
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            var head = new ArrayBufferWriter<byte>();
            var writer = new MessagePackWriter(head);
            writer.WriteMapHeader(1);
            writer.Write(key);
            writer.WriteMapHeader(3);
            writer.Write("__msgpack_chunked_array__");
            writer.Write(true);
            writer.Write("shape");
            writer.WriteMapHeader(shape.Length);
            for (var i = 0; i < shape.Length; i++)
            {
                writer.Write(i.ToString(CultureInfo.InvariantCulture));
                writer.Write(shape[i]);
            }

            writer.Write("chunks");
            writer.WriteMapHeader(chunkCount);
            long dataStart = 0;
            for (var c = 0; c < chunkCount; c++)
            {
                var length = Math.Min(chunkBytes, total - c * chunkBytes);
                writer.Write(c.ToString(CultureInfo.InvariantCulture));
                // The ext payload: msgpack of (shape, dtype name, data) for a one-dimensional chunk.
                var payload = new ArrayBufferWriter<byte>();
                var inner = new MessagePackWriter(payload);
                inner.WriteArrayHeader(3);
                inner.WriteArrayHeader(1);
                inner.Write((uint)length);
                inner.Write("uint8");
                inner.WriteBinHeader((int)length);
                inner.Flush();
                writer.WriteExtensionFormatHeader(new ExtensionHeader(1, checked((uint)(payload.WrittenCount + length))));
                writer.WriteRaw(payload.WrittenSpan);
                writer.Flush();
                file.Write(head.WrittenSpan);
                head.Clear();
                writer = new MessagePackWriter(head);

                // Marker bytes at both edges of the chunk (offsets in the flattened array), holes in between.
                var first = (byte)(2 * c + 1);
                var last = (byte)(2 * c + 2);
                file.WriteByte(first);
                file.Seek(length - 2, SeekOrigin.Current);
                file.WriteByte(last);
                markers.Add((dataStart, first));
                markers.Add((dataStart + length - 1, last));
                dataStart += length;
            }

            return markers;
        }
    }
}
