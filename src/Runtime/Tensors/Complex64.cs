using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Checkpoint;

/// <summary>
/// The complex64 element type: two float32 (real, imaginary), laid out as numpy lays them out.
/// Use <see cref="Complex"/> for complex128.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Complex64 : IEquatable<Complex64>
{
    /// <summary>Creates a value.</summary>
    public Complex64(float real, float imaginary)
    {
        Real = real;
        Imaginary = imaginary;
    }

    /// <summary>The real part.</summary>
    public float Real { get; }

    /// <summary>The imaginary part.</summary>
    public float Imaginary { get; }

    /// <summary>Widens to complex128 exactly.</summary>
    public static implicit operator Complex(Complex64 value) => new(value.Real, value.Imaginary);

    /// <summary>Narrows from complex128 (rounds each part to float32).</summary>
    public static explicit operator Complex64(Complex value) => new((float)value.Real, (float)value.Imaginary);

    /// <inheritdoc />
    public bool Equals(Complex64 other) => Real.Equals(other.Real) && Imaginary.Equals(other.Imaginary);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Complex64 other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Real, Imaginary);

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"({Real}{(Imaginary < 0 || float.IsNegative(Imaginary) ? "" : "+")}{Imaginary}j)");

    /// <summary>Component-wise equality.</summary>
    public static bool operator ==(Complex64 left, Complex64 right) => left.Equals(right);

    /// <summary>Component-wise inequality.</summary>
    public static bool operator !=(Complex64 left, Complex64 right) => !left.Equals(right);
}
