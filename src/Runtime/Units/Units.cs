namespace Checkpoint;

/// <summary>
/// The common units, with brainunit's names and values (<c>Units.ms</c> is brainunit's <c>u.ms</c>). Write
/// quantities as <c>10 * Units.ms</c> or <c>-50.0 * Units.mV</c>.
/// </summary>
/// <remarks>Lower-case names follow brainunit exactly, so code reads like the Python it mirrors.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "brainunit's unit names")]
public static class Units
{
    // Every standard unit in the order FindStandard prefers them (the first unit with given values names them).
    private static readonly List<Unit> Standard = [];

    // Dimension exponents: m, kg, s, A, K, mol, cd.
    private static readonly int[] Length = [1, 0, 0, 0, 0, 0, 0];
    private static readonly int[] Mass = [0, 1, 0, 0, 0, 0, 0];
    private static readonly int[] Time = [0, 0, 1, 0, 0, 0, 0];
    private static readonly int[] Current = [0, 0, 0, 1, 0, 0, 0];
    private static readonly int[] Temperature = [0, 0, 0, 0, 1, 0, 0];
    private static readonly int[] Amount = [0, 0, 0, 0, 0, 1, 0];
    private static readonly int[] Luminosity = [0, 0, 0, 0, 0, 0, 1];
    private static readonly int[] Frequency = [0, 0, -1, 0, 0, 0, 0];
    private static readonly int[] Voltage = [2, 1, -3, -1, 0, 0, 0];
    private static readonly int[] Capacitance = [-2, -1, 4, 2, 0, 0, 0];
    private static readonly int[] Resistance = [2, 1, -3, -2, 0, 0, 0];
    private static readonly int[] Conductance = [-2, -1, 3, 2, 0, 0, 0];
    private static readonly int[] Charge = [0, 0, 1, 1, 0, 0, 0];
    private static readonly int[] Force = [1, 1, -2, 0, 0, 0, 0];
    private static readonly int[] Energy = [2, 1, -2, 0, 0, 0, 0];
    private static readonly int[] Power = [2, 1, -3, 0, 0, 0, 0];
    private static readonly int[] Pressure = [-1, 1, -2, 0, 0, 0, 0];
    private static readonly int[] Area = [2, 0, 0, 0, 0, 0, 0];
    private static readonly int[] Volume = [3, 0, 0, 0, 0, 0, 0];
    private static readonly int[] Concentration = [-3, 0, 0, 0, 0, 1, 0];
    private static readonly int[] None = [0, 0, 0, 0, 0, 0, 0];

    /// <summary>Dimensionless, scale 0.</summary>
    public static readonly Unit dimensionless = Add(None, 0, "1");

    /// <summary>Second (SI base unit of time).</summary>
    public static readonly Unit s = Add(Time, 0, "s");
    /// <summary>Second; the same unit as <see cref="s"/>.</summary>
    public static readonly Unit second = s;
    /// <summary>Millisecond.</summary>
    public static readonly Unit ms = Add(Time, -3, "ms");
    /// <summary>Millisecond; the same unit as <see cref="ms"/>.</summary>
    public static readonly Unit msecond = ms;
    /// <summary>Microsecond.</summary>
    public static readonly Unit us = Add(Time, -6, "us");
    /// <summary>Nanosecond.</summary>
    public static readonly Unit ns = Add(Time, -9, "ns");

    /// <summary>Hertz.</summary>
    public static readonly Unit Hz = Add(Frequency, 0, "Hz");
    /// <summary>Hertz; the same unit as <see cref="Hz"/>.</summary>
    public static readonly Unit hertz = Hz;
    /// <summary>Kilohertz.</summary>
    public static readonly Unit kHz = Add(Frequency, 3, "kHz");
    /// <summary>Megahertz.</summary>
    public static readonly Unit MHz = Add(Frequency, 6, "MHz");

    /// <summary>Volt.</summary>
    public static readonly Unit V = Add(Voltage, 0, "V");
    /// <summary>Volt; the same unit as <see cref="V"/>.</summary>
    public static readonly Unit volt = V;
    /// <summary>Millivolt.</summary>
    public static readonly Unit mV = Add(Voltage, -3, "mV");
    /// <summary>Microvolt.</summary>
    public static readonly Unit uV = Add(Voltage, -6, "uV");

    /// <summary>Ampere.</summary>
    public static readonly Unit A = Add(Current, 0, "A");
    /// <summary>Ampere; the same unit as <see cref="A"/>.</summary>
    public static readonly Unit amp = A;
    /// <summary>Milliampere.</summary>
    public static readonly Unit mA = Add(Current, -3, "mA");
    /// <summary>Microampere.</summary>
    public static readonly Unit uA = Add(Current, -6, "uA");
    /// <summary>Nanoampere.</summary>
    public static readonly Unit nA = Add(Current, -9, "nA");
    /// <summary>Picoampere.</summary>
    public static readonly Unit pA = Add(Current, -12, "pA");

    /// <summary>Farad.</summary>
    public static readonly Unit F = Add(Capacitance, 0, "F");
    /// <summary>Farad; the same unit as <see cref="F"/>.</summary>
    public static readonly Unit farad = F;
    /// <summary>Microfarad.</summary>
    public static readonly Unit uF = Add(Capacitance, -6, "uF");
    /// <summary>Nanofarad.</summary>
    public static readonly Unit nF = Add(Capacitance, -9, "nF");
    /// <summary>Picofarad.</summary>
    public static readonly Unit pF = Add(Capacitance, -12, "pF");

    /// <summary>Ohm.</summary>
    public static readonly Unit ohm = Add(Resistance, 0, "ohm");
    /// <summary>Milliohm (brainunit's <c>mohm</c> is milli-, not mega-: that is <see cref="Mohm"/>).</summary>
    public static readonly Unit mohm = Add(Resistance, -3, "mohm");
    /// <summary>Kiloohm.</summary>
    public static readonly Unit kohm = Add(Resistance, 3, "kohm");
    /// <summary>Megaohm.</summary>
    public static readonly Unit Mohm = Add(Resistance, 6, "Mohm");
    /// <summary>Gigaohm.</summary>
    public static readonly Unit Gohm = Add(Resistance, 9, "Gohm");

    /// <summary>Siemens.</summary>
    public static readonly Unit S = Add(Conductance, 0, "S");
    /// <summary>Siemens; the same unit as <see cref="S"/>.</summary>
    public static readonly Unit siemens = S;
    /// <summary>Millisiemens.</summary>
    public static readonly Unit mS = Add(Conductance, -3, "mS");
    /// <summary>Microsiemens.</summary>
    public static readonly Unit uS = Add(Conductance, -6, "uS");
    /// <summary>Nanosiemens.</summary>
    public static readonly Unit nS = Add(Conductance, -9, "nS");

    /// <summary>Coulomb.</summary>
    public static readonly Unit C = Add(Charge, 0, "C");
    /// <summary>Newton.</summary>
    public static readonly Unit N = Add(Force, 0, "N");
    /// <summary>Joule.</summary>
    public static readonly Unit J = Add(Energy, 0, "J");
    /// <summary>Watt.</summary>
    public static readonly Unit W = Add(Power, 0, "W");
    /// <summary>Pascal.</summary>
    public static readonly Unit Pa = Add(Pressure, 0, "Pa");

    /// <summary>Metre (SI base unit of length).</summary>
    public static readonly Unit meter = Add(Length, 0, "m");
    /// <summary>Metre; the same unit as <see cref="meter"/>.</summary>
    public static readonly Unit metre = meter;
    /// <summary>Metre; the same unit as <see cref="meter"/>.</summary>
    public static readonly Unit m = meter;
    /// <summary>Centimetre.</summary>
    public static readonly Unit cm = Add(Length, -2, "cm");
    /// <summary>Millimetre.</summary>
    public static readonly Unit mm = Add(Length, -3, "mm");
    /// <summary>Micrometre.</summary>
    public static readonly Unit um = Add(Length, -6, "um");
    /// <summary>Nanometre.</summary>
    public static readonly Unit nm = Add(Length, -9, "nm");
    /// <summary>Square metre.</summary>
    public static readonly Unit meter2 = Add(Area, 0, "m^2");
    /// <summary>Square centimetre.</summary>
    public static readonly Unit cm2 = Add(Area, -4, "cm^2");
    /// <summary>Square micrometre.</summary>
    public static readonly Unit um2 = Add(Area, -12, "um^2");
    /// <summary>Litre (a cubic decimetre: scale −3 of m³, as in brainunit).</summary>
    public static readonly Unit liter = Add(Volume, -3, "l");

    /// <summary>Kilogram (the SI base unit of mass: scale 0, as in brainunit).</summary>
    public static readonly Unit kg = Add(Mass, 0, "kg");
    /// <summary>Kilogram; the same unit as <see cref="kg"/>.</summary>
    public static readonly Unit kilogram = kg;
    /// <summary>Gram (scale −3 of the kilogram's dimension).</summary>
    public static readonly Unit g = Add(Mass, -3, "g");
    /// <summary>Gram; the same unit as <see cref="g"/>.</summary>
    public static readonly Unit gram = g;
    /// <summary>Milligram.</summary>
    public static readonly Unit mg = Add(Mass, -6, "mg");

    /// <summary>Mole.</summary>
    public static readonly Unit mol = Add(Amount, 0, "mol");
    /// <summary>Mole; the same unit as <see cref="mol"/>.</summary>
    public static readonly Unit mole = mol;
    /// <summary>Millimole.</summary>
    public static readonly Unit mmol = Add(Amount, -3, "mmol");
    /// <summary>Molar: mol/l, that is mol/m³ with scale 3 (brainunit's definition).</summary>
    public static readonly Unit M = Add(Concentration, 3, "M");
    /// <summary>Molar; the same unit as <see cref="M"/>.</summary>
    public static readonly Unit molar = M;
    /// <summary>Millimolar (mol/m³ with scale 0).</summary>
    public static readonly Unit mM = Add(Concentration, 0, "mM");
    /// <summary>Micromolar.</summary>
    public static readonly Unit uM = Add(Concentration, -3, "uM");
    /// <summary>Nanomolar.</summary>
    public static readonly Unit nM = Add(Concentration, -6, "nM");

    /// <summary>Kelvin.</summary>
    public static readonly Unit K = Add(Temperature, 0, "K");
    /// <summary>Kelvin; the same unit as <see cref="K"/>.</summary>
    public static readonly Unit kelvin = K;
    /// <summary>Candela.</summary>
    public static readonly Unit cd = Add(Luminosity, 0, "cd");

    /// <summary>Every standard unit, once each, in lookup order.</summary>
    public static IReadOnlyList<Unit> All => Standard;

    /// <summary>The standard unit equal to <paramref name="unit"/> (same dimension, scale, base, factor), or null.</summary>
    public static Unit? FindStandard(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        foreach (var candidate in Standard)
            if (candidate.Equals(unit)) return candidate;
        return null;
    }

    private static Unit Add(int[] dimensions, int scale, string name)
    {
        var unit = new Unit(dimensions, scale, name);
        Standard.Add(unit);
        return unit;
    }
}
