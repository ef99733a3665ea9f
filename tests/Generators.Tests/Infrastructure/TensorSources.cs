namespace Checkpoint.Generators.Tests.Infrastructure;

/// <summary>Source snippets for tests of tensor members: foreign tensor types (implementing <c>Checkpoint.INdArray</c>).</summary>
internal static class TensorSources
{
    /// <summary>
    /// <c>Demo.Paged</c>, a one-element float32 tensor that can create itself (an explicit
    /// <c>INdArrayFactory&lt;Paged&gt;</c>), and <c>Demo.Plain</c>, one that cannot. Needs
    /// <c>using System; using System.Collections.Generic; using Checkpoint;</c>.
    /// </summary>
    public static string ForeignTensorTypes => TensorType("Paged", "INdArray, INdArrayFactory<Paged>",
        "static Paged INdArrayFactory<Paged>.Create(DType dtype, int[] shape) => new();") + TensorType("Plain", "INdArray", "");

    private static string TensorType(string name, string bases, string extra) => $$"""
        namespace Demo
        {
            public sealed class {{name}} : {{bases}}
            {
                public DType DType => DType.Float32;
                public IReadOnlyList<int> Shape => [1];
                public long Length => 1;
                public long ByteLength => 4;
                public Span<byte> GetBytes(long byteOffset, int maxLength) => new byte[4].AsSpan((int)byteOffset, maxLength);
                public INdArray Clone() => new {{name}}();
                {{extra}}
            }
        }

        """;
}
