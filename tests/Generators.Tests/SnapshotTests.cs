using Checkpoint.Generators.Tests.Infrastructure;

namespace Checkpoint.Generators.Tests;

/// <summary>
/// The generated code for representative models, compared with reviewed snapshots in Snapshots/. Every case
/// also compiles the output with the user's sources (errors anywhere, warnings in generated files fail).
/// </summary>
public class SnapshotTests
{
    private static void VerifyGenerated(string source, [System.Runtime.CompilerServices.CallerMemberName] string name = "", [System.Runtime.CompilerServices.CallerFilePath] string file = "")
    {
        var output = GeneratorHarness.Run(source).AssertCompiles();
        Snapshot.Verify(output.Combined(), name, file);
    }

    [Fact]
    public void SimpleModel() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        public partial class Lif
        {
            public Lif(int n) { V = NdArray<float>.Zeros(n); }
            [ShortTerm(Fill = -65)] public NdArray<float> V;
            [Param] public float Tau = 10f;
            [LongTerm] public long SpikeCount;
        }
        """);

    [Fact]
    public void ChildrenAndCollections() => VerifyGenerated("""
        using System.Collections.Generic;
        using Checkpoint;
        namespace Demo;
        public partial class Linear
        {
            [Param] public NdArray<float> Weight { get; set; } = NdArray<float>.Zeros(2, 2);
        }
        public partial class Lif
        {
            [ShortTerm] public NdArray<float>? V;
        }
        [Module]
        public partial class Encoder
        {
            public Linear[] Stages = [new()];
        }
        public partial class SimpleNet
        {
            public Lif Lif = new();
            public List<Linear> Layers = [new(), new()];
            public IReadOnlyList<Linear> Frozen { get; } = [new()];
            public IEnumerable<Linear>? Extra;
            public Dictionary<string, Linear> Heads = new() { ["a"] = new() };
            public IReadOnlyDictionary<string, Lif?> Populations { get; set; } = new Dictionary<string, Lif?>();
            public Encoder Encoder { get; } = new();
            public IStateful? Plugin;
            [Param(Name = "w_out")] public NdArray<float> Readout = NdArray<float>.Zeros(10, 10);
            [NotState] public Linear Scratch = new();
            public Linear First => Layers[0];
            public string Label = "not state: no attribute";
        }
        """);

    [Fact]
    public void Inheritance() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        public abstract partial class Neuron
        {
            [ShortTerm] public NdArray<float> V = NdArray<float>.Zeros(3);
            [Param] public float Threshold = 1f;
        }
        public partial class Lif : Neuron
        {
            [Param] public float Tau = 10f;
        }
        public sealed partial class AdaptiveLif : Lif
        {
            [ShortTerm(Fill = 0.5)] public NdArray<float> Adaptation = NdArray<float>.Zeros(3);
        }
        public partial class Plain
        {
        }
        public partial class Container : Plain
        {
            public Lif Cell = new();
            [LongTerm] public int Steps;
        }
        """);

    [Fact]
    public void NestedClass() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo.Models
        {
            public static partial class Zoo
            {
                public partial class Outer<TTag>
                {
                    public partial record Cell
                    {
                        [Param] public double Gain { get; set; } = 1;
                    }
                }
            }
        }
        """);

    [Fact]
    public void GenericClass() => VerifyGenerated("""
        using System;
        using Checkpoint;
        namespace Demo;
        public partial class Layer<T> where T : unmanaged
        {
            [Param] public NdArray<T> Weight = NdArray<T>.Zeros(2);
            [Param] public T[] Bias = new T[2];
            [ShortTerm(Fill = 1)] public T Gain;
            [ShortTerm(Fill = 2)] public NdArray<T> Trace = NdArray<T>.Zeros(2);
            [ShortTerm] public T[,] Grid = new T[1, 1];
        }
        public partial class Layer<T, TOther> where T : unmanaged where TOther : class, IStateful
        {
            [Param] public NdArray<T> Weight = NdArray<T>.Zeros(2);
            public TOther? Child;
            public System.Collections.Generic.List<TOther> Children = new();
        }
        public partial class Holder<TModel> where TModel : IStateful
        {
            [LongTerm] public int Steps;
            public TModel Model = default!;
        }
        [Module]
        public partial class Stack
        {
            public Layer<float> Float = new();
            public Layer<Half>[] Halves = [];
        }
        """);

    [Fact]
    public void NamingPolicies() => VerifyGenerated("""
        using Checkpoint;
        [assembly: StateNaming(NamingPolicy.CamelCase)]
        namespace Demo;
        [StateNaming(NamingPolicy.SnakeCase)]
        public partial class BatchNorm
        {
            [LongTerm] public NdArray<float> RunningMean = NdArray<float>.Zeros(2);
            [Param] public float VRest;
            [Param] public float HTTPServer;
            [Param] public float Layer2Weight;
            [Param(Name = "KeepMe")] public float Renamed;
            public Inner SubLayer = new();
        }
        public partial class Inner
        {
            [Param] public float RunningMean;
            [Param] public float HTTPServer;
        }
        [StateNaming(NamingPolicy.AsDeclared)]
        public partial class Declared
        {
            [Param] public float RunningMean;
        }
        """);

    [Fact]
    public void AllMemberKinds() => VerifyGenerated("""
        using System;
        using System.Numerics;
        using Checkpoint;
        namespace Demo;
        public enum Mode { Off, On }
        public enum Wide : ulong { Big = ulong.MaxValue }
        public partial class Everything
        {
            [Param] public bool B;
            [Param] public sbyte I8;
            [Param] public short I16;
            [Param] public int I32;
            [Param] public long I64;
            [Param] public byte U8;
            [Param] public ushort U16;
            [Param] public uint U32;
            [Param] public ulong U64;
            [Param] public Half F16;
            [Param] public BFloat16 Bf16;
            [Param] public float F32;
            [Param] public double F64;
            [Param] public Complex64 C64;
            [Param] public Complex C128;
            [Param] public NdArray<double> T = NdArray<double>.Zeros(1);
            [Param] public float[] Vector = new float[3];
            [Param] public double[,] Matrix = new double[2, 2];
            [Param] public int[,,]? Cube;
            [LongTerm] public string Name = "";
            [LongTerm] public string? Note;
            [LongTerm] public Mode Mode;
            [LongTerm] public Wide Wide;
            [Param(FormerNames = new[] { "w", "weight_v1" })] public NdArray<float> Weight { get; private set; } = NdArray<float>.Zeros(1);
            [Param] private float _secret;
            [Param] protected internal int @class;
            public float Secret => _secret;
        }
        """);

    [Fact]
    public void ResetVariants() => VerifyGenerated("""
        using System;
        using System.Numerics;
        using Checkpoint;
        namespace Demo;
        public enum Phase { A, B }
        public partial class Resets
        {
            [ShortTerm] public NdArray<float> Cleared = NdArray<float>.Zeros(2);
            [ShortTerm(Fill = -65)] public NdArray<float> Filled = NdArray<float>.Zeros(2);
            [ShortTerm(Fill = 0)] public NdArray<float> ExplicitZero = NdArray<float>.Zeros(2);
            [ShortTerm(Initializer = nameof(Initial))] public NdArray<float> Initialised = NdArray<float>.Zeros(2);
            [ShortTerm(Initializer = "Missing")] public NdArray<float> BadInitializer = NdArray<float>.Zeros(2);
            [ShortTerm(Initializer = nameof(Count))] public NdArray<float> WrongType = NdArray<float>.Zeros(2);
            [ShortTerm] public float[] ArrayCleared = new float[2];
            [ShortTerm(Fill = 0.25)] public double[,] ArrayFilled = new double[2, 2];
            [ShortTerm] public float Scalar;
            [ShortTerm(Fill = -70.5)] public float ScalarFilled;
            [ShortTerm(Fill = 3)] public int IntFilled;
            [ShortTerm(Fill = 1)] public bool Flag;
            [ShortTerm(Fill = 1.5)] public Half HalfFilled;
            [ShortTerm(Fill = 1.5)] public BFloat16 BFilled;
            [ShortTerm(Fill = 2)] public Complex64 C64Filled;
            [ShortTerm(Fill = 2)] public Complex CFilled;
            [ShortTerm(Fill = 1)] public Phase PhaseFilled;
            [ShortTerm(Fill = double.NaN)] public double NotANumber;
            [ShortTerm(Fill = 5)] public string Text = "";
            [ShortTerm] public Phase PhaseCleared;
            public NdArray<float> Initial() => NdArray<float>.Full(1f, 2);
            public int Count() => 2;
        }
        """);

    [Fact]
    public void Sealed() => VerifyGenerated("""
        using Checkpoint;
        namespace Demo;
        public sealed partial class Readout
        {
            [Param] public NdArray<float> Weight = NdArray<float>.Zeros(2, 2);
            [ShortTerm] public float Last;
        }
        """);

    [Fact]
    public void GlobalNamespaceModuleAndRecord() => VerifyGenerated("""
        using Checkpoint;
        public partial record Cell
        {
            [Param] public float Gain { get; set; }
        }
        [Module]
        public partial class Network
        {
            public Cell Cell { get; set; } = new();
        }
        """);

    [Fact]
    public void SkippedMembers() => VerifyGenerated("""
        using System.Collections.Generic;
        using Checkpoint;
        namespace Demo;
        public partial class Skips
        {
            [Param] public readonly NdArray<float> ReadOnlyField = NdArray<float>.Zeros(1);
            [Param] public NdArray<float> GetOnly { get; } = NdArray<float>.Zeros(1);
            [Param] public NdArray<float> InitOnly { get; init; } = NdArray<float>.Zeros(1);
            [Param] public static float Static;
            [Param] public const float Constant = 1;
            [Param] public List<float> Unsupported = new();
            [Param] public float[][] Jagged = [];
            [Param] public decimal Money;
            [Param] public float? Maybe;
            [Param] public object? Anything;
            [Param, NotState] public float Excluded;
            [Param] public float Kept;
        }
        """);

    [Fact]
    public void PlatformAndForeignTensors() => VerifyGenerated("""
        using System;
        using System.Collections.Generic;
        using System.Numerics.Tensors;
        using Checkpoint;
        """ + TensorSources.ForeignTensorTypes + """
        namespace Demo
        {
        public partial class Encoder<T> where T : unmanaged
        {
            [Param] public Tensor<float> W = Tensor.Create(new float[4], [2, 2]);
            [Param] public Tensor<T>? Generic;
            [LongTerm] public Tensor<long>? Steps { get; set; }
            [ShortTerm(Fill = -1)] public Tensor<Half> Trace = Tensor.Create(new Half[2], [2]);
            [ShortTerm] public Tensor<int> Counts = Tensor.Create(new int[2], [2]);
            [Param] public NdArray<float> Bias = NdArray<float>.Zeros(2);
            [Param] public Paged Embedding = new();
            [Param] public Plain? Fixed;
            [LongTerm] public INdArray? Any;
            [ShortTerm(Fill = 0.5)] public Paged Scratch = new();
            [ShortTerm] public Plain? Cleared;
        }
        }
        """);
}
