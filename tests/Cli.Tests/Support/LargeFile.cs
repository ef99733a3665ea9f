using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Cli.Tests;

/// <summary>
/// A 1 GiB msgpack checkpoint of four 256 MiB float32 arrays (<see cref="Path"/>), and a 256 MiB one of one array
/// (<see cref="MediumPath"/>, for what reads every byte), written once per test class by the library's own writer. The
/// arrays are zeros and the files are sparse (runs of zeros are skipped over, not written), so they take a moment and
/// almost no disk; readers see ordinary files.
/// </summary>
public sealed class LargeFile : IDisposable
{
    public const int Arrays = 4;
    public const long ArrayBytes = 256L << 20;

    public LargeFile()
    {
        Directory.CreateDirectory(Folder);
        Path = Write("large", Arrays);
        MediumPath = Write("medium", 1);
    }

    /// <summary>The folder holding both files (and nothing else).</summary>
    public string Folder { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ckpt-cli-large-{Guid.NewGuid():N}");

    /// <summary>The 1 GiB file.</summary>
    public string Path { get; }

    /// <summary>The 256 MiB file.</summary>
    public string MediumPath { get; }

    public long Length => new FileInfo(Path).Length;

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private string Write(string name, int arrays) => WriteSparse(System.IO.Path.Combine(Folder, name + ".msgpack"), arrays, [8192, 8192]);

    /// <summary>Writes a msgpack file of <paramref name="arrays"/> float32 arrays of zeros of <paramref name="shape"/> and a step, sparse.</summary>
    public static string WriteSparse(string path, int arrays, int[] shape)
    {
        var root = new StateDict();
        for (var i = 0; i < arrays; i++) root[$"layer{i}"] = new TensorNode(DType.Float32, shape, new Zeros(TensorShape.ElementCountLong(shape) * 4));
        root["step"] = 1000;
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var sparse = new SparseStream(file);
        MsgPackWriter.Write(sparse, root);
        sparse.Finish();
        return path;
    }

    /// <summary>Array bytes that are all zero, produced on request.</summary>
    private sealed class Zeros(long length) : TensorData(length)
    {
        public override string Location => "zeros";

        public override void Read(long offset, Span<byte> destination)
        {
            CheckRange(offset, destination.Length);
            destination.Clear();
        }
    }

    /// <summary>Writes through to a file, seeking over large all-zero writes so they become holes.</summary>
    private sealed class SparseStream(FileStream file) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => file.Length;
        public override long Position { get => file.Position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length >= 4096 && !buffer.ContainsAnyExcept((byte)0)) file.Seek(buffer.Length, SeekOrigin.Current);
            else file.Write(buffer);
        }

        public void Finish() => file.SetLength(file.Position);

        public override void Flush() => file.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
