namespace Checkpoint;

/// <summary>
/// Sets the <see cref="NamingPolicy"/> for the state keys of one class, or of every model in an assembly
/// (<c>[assembly: StateNaming(NamingPolicy.SnakeCase)]</c>). A class setting wins over the assembly setting;
/// an explicit <see cref="StateAttribute.Name"/> wins over both.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class StateNamingAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="policy">The policy to apply.</param>
    public StateNamingAttribute(NamingPolicy policy) => Policy = policy;

    /// <summary>The policy to apply.</summary>
    public NamingPolicy Policy { get; }
}
