namespace Checkpoint;

/// <summary>
/// Declares that a field or property of a model is deliberately not state: a scratch buffer, a cache or a
/// child object that must not be saved. Silences the unsaved-parameter diagnostic and stops a child model
/// from being visited.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class NotStateAttribute : Attribute
{
}
