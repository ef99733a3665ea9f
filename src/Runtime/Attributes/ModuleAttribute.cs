namespace Checkpoint;

/// <summary>
/// Marks a class as a model even though it declares no state of its own, only child models
/// (a container such as an encoder that holds layers). Classes with state attributes are models without it.
/// The class must be <c>partial</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModuleAttribute : Attribute
{
}
