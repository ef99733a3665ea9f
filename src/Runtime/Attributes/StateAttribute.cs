namespace Checkpoint;

/// <summary>
/// Base of the attributes that mark a field or property as model state.
/// The source generator reads these attributes by name at build time; nothing reads them at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public abstract class StateAttribute : Attribute
{
    /// <summary>
    /// The key this member is saved under, replacing the member name and the class naming policy
    /// (for example <c>"w_out"</c>). Must not contain a dot: dots separate the levels of a path.
    /// </summary>
    public string? Name { get; set; }

    /// <summary>
    /// Keys this member was saved under by earlier versions of the model. On load, an entry found under
    /// one of these keys (and not under the current one) is loaded into this member and reported as renamed.
    /// </summary>
    public string[]? FormerNames { get; set; }
}
