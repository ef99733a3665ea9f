using Microsoft.CodeAnalysis.Testing;
using V = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.UnsupportedStateTypeAnalyzer>;
using Generic = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Definitions.UnconstrainedGenericElementAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class UnsupportedStateTypeTests
{
    [Fact]
    public Task Unsupported_types_are_reported() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public List<float> {|CKPT0006:Weights|} = new();
            [Param] public float[][] {|CKPT0006:Jagged|} = new float[1][];
            [LongTerm] public object {|CKPT0006:Anything|} = new();
            [LongTerm] public int? {|CKPT0006:Maybe|};
            [ShortTerm] public NdArray<decimal>? {|CKPT0006:Money|};
            [Param] public string[] {|CKPT0006:Labels|} = new string[1];
            [Param] public decimal {|CKPT0006:Price|};
        }
        """);

    [Fact]
    public Task Message_names_member_type_and_registration() => V.AnalyzeAsync("""
        public partial class Layer
        {
            [Param] public List<float> {|#0:Weights|} = new();
        }
        """, new DiagnosticResult(Descriptors.UnsupportedStateType).WithLocation(0).WithArguments("Weights", "List<float>"));

    [Fact]
    public Task Types_sharing_a_simple_name_are_named_in_full() => V.AnalyzeAsync("""
        namespace Microsoft.ML.OnnxRuntime.Tensors { public class Tensor<T> { } }
        namespace Units { public struct Quantity { } }
        public partial class Layer
        {
            [Param] public System.Numerics.Tensors.Tensor<decimal> {|#0:W|} = null!;
            [Param] public Units.Quantity {|#1:Rate|};
            [Param] public List<System.Numerics.Tensors.Tensor<float>> {|#2:Stack|} = new();
            [Param] public Microsoft.ML.OnnxRuntime.Tensors.Tensor<float> {|#3:Onnx|} = new();
        }
        """,
        new DiagnosticResult(Descriptors.UnsupportedStateType).WithLocation(0).WithArguments("W", "System.Numerics.Tensors.Tensor<decimal>"),
        new DiagnosticResult(Descriptors.UnsupportedStateType).WithLocation(1).WithArguments("Rate", "Units.Quantity"),
        new DiagnosticResult(Descriptors.UnsupportedStateType).WithLocation(2)
            .WithArguments("Stack", "System.Collections.Generic.List<System.Numerics.Tensors.Tensor<float>>"),
        new DiagnosticResult(Descriptors.UnsupportedStateType).WithLocation(3).WithArguments("Onnx", "Microsoft.ML.OnnxRuntime.Tensors.Tensor<float>"));

    [Fact]
    public Task Supported_types_are_not_reported() => V.AnalyzeAsync("""
        public enum Mode { A, B }
        public sealed class Foreign : INdArray
        {
            public DType DType => DType.Float32;
            public IReadOnlyList<int> Shape => [1];
            public long Length => 1;
            public long ByteLength => 4;
            public System.Span<byte> GetBytes(long byteOffset, int maxLength) => new System.Span<byte>(new byte[4], (int)byteOffset, maxLength);
            public INdArray Clone() => new Foreign();
        }
        public partial class Layer<T> where T : unmanaged
        {
            [Param] public NdArray<float> A = NdArray<float>.Zeros(1);
            [Param] public NdArray<BFloat16> B = NdArray<BFloat16>.Zeros(1);
            [Param] public NdArray<System.Numerics.Complex> C = NdArray<System.Numerics.Complex>.Zeros(1);
            [Param] public NdArray<Complex64>? D;
            [Param] public double[,] E = new double[1, 1];
            [Param] public System.Half[] F = new System.Half[1];
            [LongTerm] public long G;
            [LongTerm] public ulong H;
            [LongTerm] public bool I;
            [LongTerm] public string J = "";
            [LongTerm] public Mode K;
            [ShortTerm] public sbyte L;
            [Param] public NdArray<T> M = NdArray<T>.Zeros(1);
            [Param] public T[] N = new T[1];
            [Param] public System.Numerics.Tensors.Tensor<float> O = System.Numerics.Tensors.Tensor.Create(new float[1], [1]);
            [Param] public System.Numerics.Tensors.Tensor<T>? P;
            [LongTerm] public INdArray? Q;
            [Param] public Foreign R = new();
            public List<object> NotState = new();
        }
        """);

    [Fact]
    public Task Unconstrained_generic_element_is_reported() => Generic.AnalyzeAsync("""
        public partial class Layer<T, U> where U : unmanaged
        {
            [Param] public T[] {|CKPT0016:Values|} = new T[1];
            [LongTerm] public T {|#0:Single|} = default!;
            [Param] public U[] Fine = new U[1];
        }
        """, new DiagnosticResult(Descriptors.UnconstrainedGenericElement).WithLocation(0).WithArguments("Single", "T"));
}
