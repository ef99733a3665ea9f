namespace Checkpoint.Runtime.Tests.Quantities;


public class UnitTests
{
    // SI exponents (m, kg, s, A, K, mol, cd) from the definitions: V = kg m^2 s^-3 A^-1, ohm = V/A, F = C/V = s A / V.
    private static readonly int[] Volt = [2, 1, -3, -1, 0, 0, 0];
    private static readonly int[] Ohm = [2, 1, -3, -2, 0, 0, 0];
    private static readonly int[] Farad = [-2, -1, 4, 2, 0, 0, 0];

    [Fact]
    public void Prefixed_units_have_the_si_dimension_and_decimal_scale()
    {
        Assert.Equal(Volt, Units.mV.Dimensions);
        Assert.Equal(-3, Units.mV.Scale);
        Assert.Equal(Ohm, Units.mohm.Dimensions);
        Assert.Equal(-3, Units.mohm.Scale); // brainunit's mohm is a milliohm
        Assert.Equal(6, Units.Mohm.Scale);
        Assert.Equal(3, Units.kohm.Scale);
        Assert.Equal(Farad, Units.pF.Dimensions);
        Assert.Equal(-12, Units.pF.Scale);
        Assert.Equal(-9, Units.nA.Scale);
        Assert.Equal(0, Units.kg.Scale);
        Assert.Equal(-3, Units.g.Scale);
        Assert.Equal(Units.M.Scale - 3, Units.mM.Scale);
    }

    [Fact]
    public void Equality_ignores_the_name_and_compares_dimension_scale_and_factor()
    {
        var renamed = new Unit([0, 0, 1, 0, 0, 0, 0], -3, "msec");
        Assert.Equal(Units.ms, renamed);
        Assert.True(Units.ms == renamed);
        Assert.NotEqual(Units.ms, Units.s);
        Assert.NotEqual(Units.ms, new Unit([0, 0, 1, 0, 0, 0, 0], -3, "ms", factor: 2.0));
        Assert.Equal(Units.ms.GetHashCode(), renamed.GetHashCode());
    }

    [Fact]
    public void Display_names_are_brainunit_names()
    {
        Assert.Equal("mV", Units.mV.ToString());
        Assert.Equal("ms", Units.ms.Name);
        Assert.Equal("nA", Units.nA.Name);
        Assert.Equal("pF", Units.pF.Name);
        Assert.Equal("mohm", Units.mohm.Name);
        Assert.Equal("Hz", Units.Hz.Name);
    }

    [Fact]
    public void From_components_finds_the_standard_unit_or_derives_a_name()
    {
        Assert.Same(Units.mV, Unit.FromComponents(Volt, -3));
        var odd = Unit.FromComponents([1, 0, -1, 0, 0, 0, 0], -7);
        Assert.Null(Units.FindStandard(odd));
        Assert.Contains("m s^-1", odd.Name);
        Assert.Contains("-7", odd.Name);
    }

    [Fact]
    public void Products_and_quotients_combine_exponents()
    {
        var rate = Units.mV / Units.ms;
        Assert.Equal([2, 1, -4, -1, 0, 0, 0], rate.Dimensions);
        Assert.Equal(0, rate.Scale);
        Assert.True((Units.Hz * Units.s).IsDimensionless);
        Assert.Same(Units.V, Units.ohm * Units.A);
    }

    [Fact]
    public void Conversions_scale_by_powers_of_ten()
    {
        Assert.Equal(10.0 / 1000, (10 * Units.ms).ValueIn(Units.s));
        Assert.Equal(-50.0 / 1000, (-50.0 * Units.mV).ValueIn(Units.V));
        Assert.Equal(2.0 * 1000, (2.0 * Units.kohm).ValueIn(Units.ohm));
        Assert.Equal(3.0 * 1000, (3.0 * Units.nA).ValueIn(Units.pA));
        var same = 5.0 * Units.mV;
        Assert.Same(same, same.In(Units.mV));
    }

    [Fact]
    public void Converting_a_tensor_keeps_float32_and_shape()
    {
        var q = NdArray<float>.FromData([1f, 2f, 3f, 4f], [2, 2]) * Units.ms;
        var inSeconds = q.In(Units.s);
        Assert.Equal(DType.Float32, inSeconds.DType);
        Assert.Equal([2, 2], inSeconds.Shape);
        Assert.Equal([1f / 1000, 2f / 1000, 3f / 1000, 4f / 1000], ((NdArray<float>)inSeconds.Mantissa).Data);
    }

    [Fact]
    public void Converting_across_dimensions_is_an_error_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => (10 * Units.ms).In(Units.mV));
        Assert.Contains("ms", error.Message);
        Assert.Contains("mV", error.Message);
    }

    [Fact]
    public void Literal_operators_make_scalar_quantities()
    {
        var tau = 10 * Units.ms;
        Assert.True(tau.IsScalar);
        Assert.Equal(DType.Float64, tau.DType);
        Assert.Equal(10.0, tau.Value);
        Assert.Equal(DType.Float32, (-50f * Units.mV).DType);
        Assert.Equal("-50 mV", (-50.0 * Units.mV).ToString());
        Assert.Equal("[10, 20] ms", (NdArray<float>.FromData([10f, 20f], [2]) * Units.ms).ToString());
    }
}
