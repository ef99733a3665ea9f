using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Checkpoint.Cli.Output;

/// <summary>
/// Writes a JSON document to a <see cref="TextWriter"/> as it is produced (flushed every few kilobytes, so a tree of
/// any size costs no more memory than its largest node), indented, with a depth limit that fits any tree the readers
/// accept (<see cref="CheckpointLimits.DefaultMaxDepth"/> maps, two JSON levels each).
/// </summary>
internal sealed class JsonOutput : IDisposable
{
    // Per map level the node schema nests two objects (the node, its "items"); a few more for the document around it.
    public const int MaxDepth = 2 * CheckpointLimits.DefaultMaxDepth + 16;

    private const int FlushThreshold = 1 << 16;

    private readonly TextWriterStream _stream;

    public JsonOutput(TextWriter output)
    {
        _stream = new TextWriterStream(output);
        Writer = new Utf8JsonWriter(_stream, new JsonWriterOptions
        {
            Indented = true,
            MaxDepth = MaxDepth,
            // Escapes control characters (and everything outside ASCII-safe HTML text) as \uXXXX.
            Encoder = JavaScriptEncoder.Default,
        });
    }

    /// <summary>The writer.</summary>
    public Utf8JsonWriter Writer { get; }

    /// <summary>Hands what is pending to the output once enough has piled up.</summary>
    public void FlushIfLarge()
    {
        if (Writer.BytesPending >= FlushThreshold) Writer.Flush();
    }

    /// <summary>Finishes the document with a line break.</summary>
    public void Dispose()
    {
        Writer.Flush();
        Writer.Dispose();
        _stream.Finish();
    }

    /// <summary>UTF-8 bytes decoded into a <see cref="TextWriter"/> (a console or a test's string writer).</summary>
    private sealed class TextWriterStream(TextWriter output) : Stream
    {
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private char[] _chars = new char[4096];

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[Math.Max(needed, _chars.Length * 2)];
            var written = _decoder.GetChars(buffer, _chars, flush: false);
            output.Write(_chars, 0, written);
        }

        public void Finish()
        {
            output.WriteLine();
            output.Flush();
        }

        public override void Flush() => output.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
