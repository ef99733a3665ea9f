namespace Checkpoint;

/// <summary>
/// Persistent state that is not learned by gradients: running statistics, counters, optimizer moments.
/// Saved with the parameters; the counterpart of brainstate's <c>LongTermState</c>.
/// </summary>
public sealed class LongTermAttribute : StateAttribute
{
}
