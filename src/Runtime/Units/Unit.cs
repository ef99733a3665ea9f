using System.Globalization;
using System.Text;

namespace Checkpoint;

/// <summary>
/// A physical unit as brainunit (saiunit) defines it: exponents of the seven SI base dimensions, a decimal
/// scale exponent, a base (always 10 in practice) and a conversion factor. One unit is
/// <c>Factor × Base^Scale × m^d0 kg^d1 s^d2 A^d3 K^d4 mol^d5 cd^d6</c>: <c>mV</c> is volt's dimension with scale −3.
/// </summary>
/// <remarks>
/// Two units are equal when dimension, scale, base and factor agree; the name is for display only (brainunit's
/// rule too, so <c>Hz</c> and <c>becquerel</c> compare equal). Conventions follow brainunit: <c>kilogram</c> is the
/// base unit of mass (scale 0) and <c>gram</c> has scale −3; <c>molar</c> is mol/m³ with scale 3; <c>mohm</c> is a
/// milliohm and <c>Mohm</c> a megaohm.
/// </remarks>
public sealed class Unit : IEquatable<Unit>
{
    /// <summary>The number of SI base dimensions (m, kg, s, A, K, mol, cd).</summary>
    public const int DimensionCount = 7;

    private static readonly string[] BaseSymbols = ["m", "kg", "s", "A", "K", "mol", "cd"];
    private readonly int[] _dimensions;

    /// <summary>Creates a unit.</summary>
    /// <param name="dimensions">Seven exponents in the order m, kg, s, A, K, mol, cd.</param>
    /// <param name="scale">The decimal exponent (−3 for milli).</param>
    /// <param name="name">The display name (<c>mV</c>); null derives one from the other values.</param>
    /// <param name="factor">The conversion factor (1 for SI-prefixed units); must be positive and finite.</param>
    /// <param name="base">The base of <paramref name="scale"/>; brainunit always uses 10.</param>
    /// <exception cref="ArgumentException">Not seven exponents, or a factor or base that is not positive and finite.</exception>
    public Unit(IReadOnlyList<int> dimensions, int scale = 0, string? name = null, double factor = 1.0, double @base = 10.0)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        if (dimensions.Count != DimensionCount)
            throw new ArgumentException($"A unit has {DimensionCount} dimension exponents (m, kg, s, A, K, mol, cd); got {dimensions.Count}.", nameof(dimensions));
        if (!double.IsFinite(factor) || factor <= 0) throw new ArgumentException($"The factor must be positive and finite; got {factor}.", nameof(factor));
        if (!double.IsFinite(@base) || @base <= 0) throw new ArgumentException($"The base must be positive and finite; got {@base}.", nameof(@base));
        _dimensions = [.. dimensions];
        Scale = scale;
        Factor = factor;
        Base = @base;
        Name = string.IsNullOrEmpty(name) ? Describe(_dimensions, scale, factor, @base) : name;
    }

    /// <summary>The exponents of m, kg, s, A, K, mol, cd.</summary>
    public IReadOnlyList<int> Dimensions => _dimensions;

    /// <summary>The decimal exponent: −3 for <c>ms</c>, 0 for <c>second</c>.</summary>
    public int Scale { get; }

    /// <summary>The base of <see cref="Scale"/> (10).</summary>
    public double Base { get; }

    /// <summary>The conversion factor (1 for every SI-prefixed unit).</summary>
    public double Factor { get; }

    /// <summary>The display name (<c>mV</c>, <c>ms</c>, <c>nA</c>); derived when the unit has no standard name.</summary>
    public string Name { get; }

    /// <summary>How many SI base units one of this unit is: <c>Factor × Base^Scale</c> (0.001 for <c>ms</c>).</summary>
    public double Multiplier => Factor * Math.Pow(Base, Scale);

    /// <summary>True when every dimension exponent is zero.</summary>
    public bool IsDimensionless => _dimensions.All(d => d == 0);

    /// <summary>Whether a quantity in this unit can be expressed in <paramref name="other"/> (same dimension).</summary>
    public bool HasSameDimension(Unit other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _dimensions.AsSpan().SequenceEqual(other._dimensions);
    }

    /// <summary>
    /// The unit with these values: a standard one from <see cref="Units"/> (with its name) when one matches,
    /// otherwise a new unit with a derived name such as <c>10^-3 m^2 kg s^-3 A^-1</c>.
    /// </summary>
    public static Unit FromComponents(IReadOnlyList<int> dimensions, int scale, double factor = 1.0, double @base = 10.0)
    {
        var candidate = new Unit(dimensions, scale, null, factor, @base);
        return Units.FindStandard(candidate) ?? candidate;
    }

    /// <summary>The same unit under another display name.</summary>
    public Unit WithName(string name) => new(_dimensions, Scale, name, Factor, Base);

    /// <summary>The product of two units (<c>mV * ms</c>); named after a standard unit when one matches.</summary>
    public static Unit operator *(Unit left, Unit right) => Combine(left, right, +1, $"{left.Name}*{right.Name}");

    /// <summary>The quotient of two units (<c>mV / ms</c>); named after a standard unit when one matches.</summary>
    public static Unit operator /(Unit left, Unit right) => Combine(left, right, -1, $"{left.Name}/{right.Name}");

    /// <summary>A scalar quantity: <c>-50.0 * Units.mV</c> (float64 mantissa).</summary>
    public static Quantity operator *(double value, Unit unit) => new(NdArray<double>.Scalar(value), unit);

    /// <summary>A scalar quantity with a float32 mantissa: <c>-50f * Units.mV</c>.</summary>
    public static Quantity operator *(float value, Unit unit) => new(NdArray<float>.Scalar(value), unit);

    /// <summary>A scalar quantity: <c>10 * Units.ms</c>. Integers become a float64 mantissa (physical values are real).</summary>
    public static Quantity operator *(int value, Unit unit) => new(NdArray<double>.Scalar(value), unit);

    /// <summary>A quantity over a tensor (not copied): <c>tensor * Units.mV</c>.</summary>
    public static Quantity operator *(NdArray<float> mantissa, Unit unit) => new(mantissa, unit);

    /// <summary>A quantity over a tensor (not copied): <c>tensor * Units.mV</c>.</summary>
    public static Quantity operator *(NdArray<double> mantissa, Unit unit) => new(mantissa, unit);

    /// <summary>Equal dimension, scale, base and factor (the name is ignored).</summary>
    public bool Equals(Unit? other) =>
        other is not null && Scale == other.Scale && Factor.Equals(other.Factor) && Base.Equals(other.Base)
        && _dimensions.AsSpan().SequenceEqual(other._dimensions);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var d in _dimensions) hash.Add(d);
        hash.Add(Scale);
        hash.Add(Factor);
        hash.Add(Base);
        return hash.ToHashCode();
    }

    /// <summary>Equality by value.</summary>
    public static bool operator ==(Unit? left, Unit? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(Unit? left, Unit? right) => !(left == right);

    /// <summary>The display name.</summary>
    public override string ToString() => Name;

    /// <summary>The SI dimension in words, such as <c>m^2 kg s^-3 A^-1</c> (<c>1</c> when dimensionless).</summary>
    public string DimensionText()
    {
        var text = new StringBuilder();
        for (var i = 0; i < DimensionCount; i++)
        {
            if (_dimensions[i] == 0) continue;
            if (text.Length > 0) text.Append(' ');
            text.Append(BaseSymbols[i]);
            if (_dimensions[i] != 1) text.Append('^').Append(_dimensions[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.Length == 0 ? "1" : text.ToString();
    }

    private static Unit Combine(Unit left, Unit right, int sign, string name)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        if (!left.Base.Equals(right.Base)) throw new ArgumentException("Units with different bases cannot be combined.");
        var dims = new int[DimensionCount];
        for (var i = 0; i < DimensionCount; i++) dims[i] = left._dimensions[i] + sign * right._dimensions[i];
        var factor = sign > 0 ? left.Factor * right.Factor : left.Factor / right.Factor;
        var combined = new Unit(dims, left.Scale + sign * right.Scale, name, factor, left.Base);
        return Units.FindStandard(combined) ?? combined;
    }

    private static string Describe(int[] dimensions, int scale, double factor, double @base)
    {
        var parts = new List<string>();
        if (!factor.Equals(1.0)) parts.Add(factor.ToString("R", CultureInfo.InvariantCulture));
        if (scale != 0) parts.Add($"{@base.ToString(CultureInfo.InvariantCulture)}^{scale.ToString(CultureInfo.InvariantCulture)}");
        var probe = new StringBuilder();
        for (var i = 0; i < DimensionCount; i++)
        {
            if (dimensions[i] == 0) continue;
            if (probe.Length > 0) probe.Append(' ');
            probe.Append(BaseSymbols[i]);
            if (dimensions[i] != 1) probe.Append('^').Append(dimensions[i].ToString(CultureInfo.InvariantCulture));
        }

        if (probe.Length > 0) parts.Add(probe.ToString());
        return parts.Count == 0 ? "1" : string.Join(" ", parts);
    }
}
