namespace Checkpoint;

/// <summary>
/// A learnable parameter (weights, biases, time constants that are trained).
/// Always saved; the counterpart of brainstate's <c>ParamState</c>.
/// </summary>
public sealed class ParamAttribute : StateAttribute
{
}
