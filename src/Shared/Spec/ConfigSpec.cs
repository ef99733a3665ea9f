namespace Checkpoint.Generators.Model;

/// <summary>How the generated <c>FromConfig</c> creates the model.</summary>
internal enum ConfigConstruction
{
    /// <summary>No usable constructor: the model gets <c>GetConfig</c> but no <c>FromConfig</c>.</summary>
    None,

    /// <summary><c>new Model()</c>, then the writable config members are set.</summary>
    Parameterless,

    /// <summary>A constructor whose parameters all match config members by name; other writable members are set after.</summary>
    Parameterized,
}

/// <summary>The generated configuration record of one model and how to build the model from it.</summary>
/// <param name="RecordName">The record's name (<c>SimpleNetConfig</c>).</param>
/// <param name="Accessibility">The record's accessibility: <c>public</c> only when the model and every member type are.</param>
/// <param name="MethodAccessibility">
/// The accessibility of <c>GetConfig</c>/<c>FromConfig</c>: <c>internal</c> only for a public model whose record is internal
/// (a public method cannot return an internal record); such a model implements <c>IConfigurable&lt;TSelf&gt;</c> only.
/// </param>
/// <param name="Construction">How <c>FromConfig</c> creates the model.</param>
/// <param name="ConstructorArguments">For <see cref="ConfigConstruction.Parameterized"/>: the parameter names, in order, each with the index of its member.</param>
/// <param name="Members">The supported config members, in declaration order.</param>
/// <param name="MessagePackAttributes">MessagePack.Annotations is referenced: mark the record for MessagePack-CSharp.</param>
internal sealed record ConfigSpec(
    string RecordName,
    string Accessibility,
    string MethodAccessibility,
    ConfigConstruction Construction,
    EquatableArray<ConfigArgumentSpec> ConstructorArguments,
    EquatableArray<ConfigMemberSpec> Members,
    bool MessagePackAttributes);

/// <summary>One constructor argument of <c>FromConfig</c>.</summary>
/// <param name="ParameterName">The parameter's name (escaped where it is a keyword).</param>
/// <param name="MemberIndex">The index in <see cref="ConfigSpec.Members"/> of the member it takes.</param>
internal sealed record ConfigArgumentSpec(string ParameterName, int MemberIndex);

/// <summary>One config member as a record property.</summary>
/// <param name="Name">The model member's identifier, also the record property's name.</param>
/// <param name="Key">The saved key (naming policy or <c>Name</c>).</param>
/// <param name="TypeName">The fully qualified type, with <c>?</c> for nullable strings.</param>
/// <param name="IsString">A string member (read through a nullable local).</param>
/// <param name="IsNullable">Declared nullable.</param>
/// <param name="DefaultValue">A C# expression for the record's default (the member's constant initializer), or empty.</param>
/// <param name="IsWritable">The model member can be set in an object initializer.</param>
internal sealed record ConfigMemberSpec(
    string Name, string Key, string TypeName, bool IsString, bool IsNullable, string DefaultValue, bool IsWritable);
