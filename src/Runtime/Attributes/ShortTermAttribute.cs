namespace Checkpoint;

/// <summary>
/// Transient dynamics (membrane potentials, conductances, traces): never saved by default and
/// re-initialised by the generated <c>ResetState()</c>; the counterpart of brainstate's <c>ShortTermState</c>.
/// </summary>
/// <remarks>
/// How the state is re-initialised, in order of precedence:
/// <list type="number">
/// <item><see cref="Initializer"/>: the name of a parameterless instance method of the model that returns the
/// new value (for example <c>Initializer = nameof(InitialPotential)</c>).</item>
/// <item><see cref="Fill"/>: every element of a tensor or array (or the scalar itself) is set to this value,
/// in place, keeping the shape.</item>
/// <item>Otherwise tensors and arrays are zero-filled in place and scalars are set to <c>default</c>.</item>
/// </list>
/// </remarks>
public sealed class ShortTermAttribute : StateAttribute
{
    /// <summary>Name of a parameterless instance method that returns the re-initialised value.</summary>
    public string? Initializer { get; set; }

    /// <summary>The value every element is reset to (for example the resting potential, <c>-65</c>).</summary>
    public double Fill { get; set; }
}
