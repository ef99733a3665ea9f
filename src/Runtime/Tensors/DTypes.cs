using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using Checkpoint.Generated;

namespace Checkpoint;

/// <summary>
/// Facts about <see cref="DType"/> values: numpy names, element sizes, the .NET element types, lossless
/// conversions and element reads and writes.
/// </summary>
/// <remarks>
/// Every element type is one row of the table below, so adding one is an enum member in <c>DType.cs</c> and a
/// row here (plus the generator's type table): tensors, plain trees, templates, scalars and conversions all ask
/// the table.
/// </remarks>
public static class DTypes
{
    // One row per DType, in enum order: the numpy name, numpy's kind letter (b, i, u, f, c), significand bits
    // (integers: magnitude bits), exponent bits, the .npy descriptor and the safetensors name (null where the format
    // has none), and how an element converts from and to a complex number.
    private static readonly ElementType[] Table =
    [
        new ElementType<bool>(DType.Bool, "bool", 'b', 1, 0, "|b1", "BOOL", b => b[0] != 0 ? 1 : 0, (b, v) => b[0] = v.Real != 0 ? (byte)1 : (byte)0),
        new ElementType<sbyte>(DType.Int8, "int8", 'i', 7, 0, "|i1", "I8", b => (sbyte)b[0], (b, v) => b[0] = unchecked((byte)(sbyte)v.Real)),
        new ElementType<short>(DType.Int16, "int16", 'i', 15, 0, "<i2", "I16", b => Read<short>(b), (b, v) => Write(b, (short)v.Real)),
        new ElementType<int>(DType.Int32, "int32", 'i', 31, 0, "<i4", "I32", b => Read<int>(b), (b, v) => Write(b, (int)v.Real)),
        new ElementType<long>(DType.Int64, "int64", 'i', 63, 0, "<i8", "I64", b => Read<long>(b), (b, v) => Write(b, (long)v.Real)),
        new ElementType<byte>(DType.UInt8, "uint8", 'u', 8, 0, "|u1", "U8", b => b[0], (b, v) => b[0] = (byte)v.Real),
        new ElementType<ushort>(DType.UInt16, "uint16", 'u', 16, 0, "<u2", "U16", b => Read<ushort>(b), (b, v) => Write(b, (ushort)v.Real)),
        new ElementType<uint>(DType.UInt32, "uint32", 'u', 32, 0, "<u4", "U32", b => Read<uint>(b), (b, v) => Write(b, (uint)v.Real)),
        new ElementType<ulong>(DType.UInt64, "uint64", 'u', 64, 0, "<u8", "U64", b => Read<ulong>(b), (b, v) => Write(b, (ulong)v.Real)),
        new ElementType<Half>(DType.Float16, "float16", 'f', 11, 5, "<f2", "F16", b => (double)Read<Half>(b), (b, v) => Write(b, (Half)v.Real)),
        // numpy has no descriptor of its own for bfloat16 (ml_dtypes saves it as raw 2-byte records).
        new ElementType<BFloat16>(DType.BFloat16, "bfloat16", 'f', 8, 8, null, "BF16", b => (float)Read<BFloat16>(b), (b, v) => Write(b, (BFloat16)(float)v.Real)),
        new ElementType<float>(DType.Float32, "float32", 'f', 24, 8, "<f4", "F32", b => Read<float>(b), (b, v) => Write(b, (float)v.Real)),
        new ElementType<double>(DType.Float64, "float64", 'f', 53, 11, "<f8", "F64", b => Read<double>(b), (b, v) => Write(b, v.Real)),
        new ElementType<Complex64>(DType.Complex64, "complex64", 'c', 24, 8, "<c8", "C64", b => Read<Complex64>(b), (b, v) => Write(b, (Complex64)v)),
        // safetensors has no complex128.
        new ElementType<Complex>(DType.Complex128, "complex128", 'c', 53, 11, "<c16", null, b => Read<Complex>(b), (b, v) => Write(b, v)),
    ];

    private static readonly Dictionary<Type, ElementType> ByClrType = Table.ToDictionary(e => e.ClrType);

    /// <summary>The numpy <c>dtype.name</c> written into files (<c>float32</c>, <c>bfloat16</c>, ...).</summary>
    public static string NumpyName(this DType dtype) => Row(dtype).Name;

    /// <summary>Bytes per element.</summary>
    public static int ItemSize(this DType dtype) => Row(dtype).Size;

    /// <summary>True for float16, bfloat16, float32 and float64.</summary>
    public static bool IsFloatingPoint(this DType dtype) => Row(dtype).Kind == 'f';

    /// <summary>True for complex64 and complex128.</summary>
    public static bool IsComplex(this DType dtype) => Row(dtype).Kind == 'c';

    /// <summary>True for the signed and unsigned integer dtypes (not bool).</summary>
    public static bool IsInteger(this DType dtype) => Row(dtype).Kind is 'i' or 'u';

    /// <summary>Parses a numpy dtype name; returns false for names this library has no element type for.</summary>
    public static bool TryParse(string? name, out DType dtype)
    {
        foreach (var row in Table)
        {
            if (row.Name != name) continue;
            dtype = row.DType;
            return true;
        }

        dtype = default;
        return false;
    }

    /// <summary>The dtype of an element type, or throws for types that are not tensor elements.</summary>
    public static DType Of<T>() where T : unmanaged =>
        TryOf<T>(out var dtype)
            ? dtype
            : throw new NotSupportedException($"{typeof(T)} is not a tensor element type.");

    /// <summary>The dtype of an element type; false for types that are not tensor elements.</summary>
    public static bool TryOf<T>(out DType dtype) where T : unmanaged
    {
        var row = ElementTypeOf<T>.Row;
        dtype = row?.DType ?? default;
        return row is not null;
    }

    /// <summary>
    /// Whether every value of <paramref name="from"/> is exactly representable in <paramref name="to"/>
    /// (the conversions a load performs silently). Identity counts as lossless.
    /// </summary>
    public static bool IsLosslessConversion(DType from, DType to)
    {
        if (from == to) return true;
        var (f, t) = (Row(from), Row(to));
        return LosslessRule.Holds(f.Kind, f.Significand, f.Exponent, t.Kind, t.Significand, t.Exponent);
    }

    /// <summary>Create an empty tensor of a dtype with a shape; the way readers allocate without knowing T.</summary>
    public static INdArray CreateTensor(DType dtype, int[] shape) => CreateTensor(dtype, shape, zeroed: true);

    /// <summary>
    /// A tensor of a dtype and shape whose contents are about to be overwritten whole (a copy, a read from a file):
    /// <paramref name="zeroed"/> false skips clearing the memory first, which costs as much as the copy itself.
    /// </summary>
    internal static INdArray CreateTensor(DType dtype, int[] shape, bool zeroed) => Row(dtype).Create(shape, zeroed);

    /// <summary>The row of a .NET element type (for values whose type is known only at run time); false for other types.</summary>
    internal static bool TryGetElementType(Type clrType, [NotNullWhen(true)] out ElementType? elementType) =>
        ByClrType.TryGetValue(clrType, out elementType);

    /// <summary>Element <paramref name="index"/> of an integer (or bool) dtype, exactly (int64 and uint64 beyond 2^53 included).</summary>
    internal static Int128 ReadInteger(DType dtype, ReadOnlySpan<byte> bytes, int index)
    {
        var row = Row(dtype);
        var element = bytes.Slice(index * row.Size, row.Size);
        // A double holds integers up to 2^53 exactly; the two 64-bit types are read as themselves.
        return dtype switch
        {
            DType.Int64 => Read<long>(element),
            DType.UInt64 => Read<ulong>(element),
            _ => (Int128)row.ReadValue(element).Real,
        };
    }

    /// <summary>The smallest and largest value of an integer dtype.</summary>
    internal static (Int128 Min, Int128 Max) IntegerRange(DType dtype)
    {
        var row = Row(dtype);
        return row.Kind == 'u' ? (0, (Int128.One << row.Significand) - 1) : (-(Int128.One << row.Significand), (Int128.One << row.Significand) - 1);
    }

    /// <summary>Every row, in <see cref="DType"/> order.</summary>
    internal static IReadOnlyList<ElementType> All => Table;

    /// <summary>The row of a dtype.</summary>
    internal static ElementType Row(DType dtype) =>
        (uint)dtype < (uint)Table.Length ? Table[(int)dtype] : throw new ArgumentOutOfRangeException(nameof(dtype), dtype, null);

    // Among floats, bfloat16 has the float32 exponent range: it widens to float32 and float64 but not to float16
    // (and float16 not to it). Integers that fit the significand fit every exponent range.
    private static T Read<T>(ReadOnlySpan<byte> bytes) where T : unmanaged => MemoryMarshal.Read<T>(bytes);

    private static void Write<T>(Span<byte> bytes, T value) where T : unmanaged => MemoryMarshal.Write(bytes, in value);
}

/// <summary>Reads one element's bytes as a complex number.</summary>
internal delegate Complex ElementReader(ReadOnlySpan<byte> element);

/// <summary>Writes a complex number (its real part, for real dtypes) as one element's bytes.</summary>
internal delegate void ElementWriter(Span<byte> element, Complex value);

/// <summary>One row of the element-type table: the facts of a dtype, and what needs its .NET type.</summary>
internal abstract class ElementType(
    DType dtype, string name, char kind, int significand, int exponent, string? npyDescr, string? safeTensorsName,
    ElementReader read, ElementWriter write)
{
    public DType DType { get; } = dtype;

    /// <summary>The numpy dtype name.</summary>
    public string Name { get; } = name;

    /// <summary>numpy's kind: b (bool), i (signed), u (unsigned), f (floating), c (complex).</summary>
    public char Kind { get; } = kind;

    /// <summary>Significand bits including the implicit one; integers count their magnitude bits.</summary>
    public int Significand { get; } = significand;

    /// <summary>Exponent bits of floating types; 0 otherwise.</summary>
    public int Exponent { get; } = exponent;

    /// <summary>The little-endian .npy descriptor (<c>&lt;f4</c>); null when numpy has none.</summary>
    public string? NpyDescr { get; } = npyDescr;

    /// <summary>The safetensors dtype name (<c>F32</c>); null when safetensors has none.</summary>
    public string? SafeTensorsName { get; } = safeTensorsName;

    /// <summary>Reads one element's bytes as a complex number (the real part for real dtypes).</summary>
    public ElementReader ReadValue { get; } = read;

    /// <summary>Writes one element's bytes from a complex number (its real part for real dtypes).</summary>

    public ElementWriter WriteValue { get; } = write;

    public abstract int Size { get; }

    public abstract Type ClrType { get; }

    /// <summary>A tensor of this element type.</summary>
    public abstract INdArray Create(int[] shape, bool zeroed);

    /// <summary>A tensor over a .NET array of this element type (any rank), without copying.</summary>
    public abstract INdArray View(Array array);

    /// <summary>The node of a boxed scalar of this type, by the codec of the type.</summary>
    public abstract StateNode ScalarNode(object value);

    /// <summary>The codec of boxed scalars of this type (template leaves).</summary>
    public abstract ValueCodec<object?> BoxedScalarCodec { get; }

    /// <summary>The codec of boxed <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> of this element type (plain trees, template leaves).</summary>
    public abstract ValueCodec<object?> BoxedNumericsTensorCodec { get; }
}

/// <summary>The row of element type <typeparamref name="T"/>.</summary>
internal sealed class ElementType<T>(
    DType dtype, string name, char kind, int significand, int exponent, string? npyDescr, string? safeTensorsName,
    ElementReader read, ElementWriter write)
    : ElementType(dtype, name, kind, significand, exponent, npyDescr, safeTensorsName, read, write)
    where T : unmanaged
{
    private ValueCodec<object?>? _boxed;
    private ValueCodec<object?>? _boxedTensor;

    public override int Size => System.Runtime.CompilerServices.Unsafe.SizeOf<T>();

    public override Type ClrType => typeof(T);

    public override INdArray Create(int[] shape, bool zeroed) => NdArray<T>.Create(shape, zeroed);

    public override INdArray View(Array array) => new ArrayTensorView<T>(array);

    public override StateNode ScalarNode(object value) => ScalarCodec<T>.Instance.Write((T)value);

    public override ValueCodec<object?> BoxedScalarCodec => _boxed ??= new BoxedCodec<T>(ScalarCodec<T>.Instance);

    public override ValueCodec<object?> BoxedNumericsTensorCodec =>
        _boxedTensor ??= new BoxedCodec<System.Numerics.Tensors.Tensor<T>?>(NumericsTensorCodec<T>.Instance);
}

/// <summary>The row of a .NET element type, looked up once per type.</summary>
/// <remarks>A class of its own, not a static of <see cref="ElementType{T}"/>: building the table constructs rows, and
/// must not run a lookup into the table it is building.</remarks>
internal static class ElementTypeOf<T> where T : unmanaged
{
    /// <summary>The row of <typeparamref name="T"/>, or null when it is not a tensor element type.</summary>
    public static ElementType<T>? Row { get; } = DTypes.TryGetElementType(typeof(T), out var row) ? (ElementType<T>)row : null;
}
