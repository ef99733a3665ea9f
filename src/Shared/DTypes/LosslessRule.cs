namespace Checkpoint;

/// <summary>
/// The one rule for which dtype conversions lose nothing, by numpy kind ('b', 'i', 'u', 'f', 'c') and the sizes of
/// the significand (value bits for integers) and the exponent. The runtime's loads (<c>DTypes.IsLosslessConversion</c>)
/// and the build-time schema check (<c>SchemaDTypes</c>) both ask it, so a load and the analyzer never disagree on
/// what converts silently. Compiled into the runtime, the generator and the analyzers; the checkpoint tool reaches
/// the runtime's copy.
/// </summary>
internal static class LosslessRule
{
    /// <summary>Whether every value of the first type is exactly representable in the second (callers handle equal types).</summary>
    public static bool Holds(char fromKind, int fromSignificand, int fromExponent, char toKind, int toSignificand, int toExponent) =>
        (fromKind, toKind) switch
        {
            ('b', _) => true,
            (_, 'b') => false,
            ('c', 'c') => fromSignificand <= toSignificand && fromExponent <= toExponent,
            (_, 'c') => fromSignificand <= toSignificand && ExponentFits(fromKind, fromExponent, toExponent),
            ('c', _) => false,
            (_, 'f') => fromSignificand <= toSignificand && ExponentFits(fromKind, fromExponent, toExponent),
            ('f', _) => false,
            // Integers: a signed type never fits an unsigned one; otherwise the magnitude must fit.
            ('i', 'u') => false,
            _ => fromSignificand <= toSignificand,
        };

    // An integer has no exponent: only a floating-point source's exponent range must fit.
    private static bool ExponentFits(char fromKind, int fromExponent, int toExponent) =>
        fromKind is not ('f' or 'c') || fromExponent <= toExponent;
}
