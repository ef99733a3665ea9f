namespace Checkpoint;

/// <summary>
/// A hyperparameter of the model (layer sizes, time constants that are not trained). The generator collects
/// config members into a config record with <c>GetConfig()</c> and <c>FromConfig(config)</c>; configs are
/// saved as plain maps.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ConfigAttribute : Attribute
{
    /// <summary>The key in the saved config map; the member name (after the naming policy) by default.</summary>
    public string? Name { get; set; }
}
