using System.Collections.Generic;
using System.Text;
using Checkpoint.Generators.Model;

namespace Checkpoint.Schema;

/// <summary>
/// The model column of a schema line: the class with its containing classes and type parameters (<c>Net</c>,
/// <c>Outer.Inner</c>, <c>Lif&lt;T&gt;</c>, no spaces); <see cref="CodeSchema"/> adds the namespace when two models
/// share the name.
/// </summary>
internal static class SchemaModelNames
{
    /// <summary>The name without namespace.</summary>
    public static string Short(ModelSpec spec)
    {
        var name = new StringBuilder();
        foreach (var type in spec.ContainingTypes) Append(name, type).Append('.');
        return Append(name, spec.Type).ToString();
    }

    /// <summary>The type parameters of the model and of its containing types, outermost first, as generic names number them.</summary>
    public static List<string> TypeParameters(ModelSpec spec)
    {
        var parameters = new List<string>();
        foreach (var type in spec.ContainingTypes) parameters.AddRange(GenericTypeNames.Arguments(type.TypeParameters));
        parameters.AddRange(GenericTypeNames.Arguments(spec.Type.TypeParameters));
        return parameters;
    }

    private static StringBuilder Append(StringBuilder name, TypeDeclarationSpec type) =>
        name.Append(type.Name.TrimStart('@')).Append(type.TypeParameters.Replace(" ", "").Replace("@", ""));
}

/// <summary>Reads generic type names as the collector writes them (<c>global::Demo.Outer&lt;T&gt;.Layer&lt;float&gt;</c>).</summary>
internal static class GenericTypeNames
{
    /// <summary>The name with each type argument list replaced by its arity: <c>global::Demo.Outer`1.Layer`1</c>.</summary>
    public static string Definition(string typeName)
    {
        if (typeName.IndexOf('<') < 0) return typeName;
        var definition = new StringBuilder(typeName.Length);
        var depth = 0;
        var arity = 0;
        foreach (var c in typeName)
        {
            switch (c)
            {
                case '<':
                    if (depth++ == 0) arity = 1;
                    break;
                case '>':
                    if (--depth == 0) definition.Append('`').Append(arity);
                    break;
                case ',' when depth == 1:
                    arity++;
                    break;
                default:
                    if (depth == 0) definition.Append(c);
                    break;
            }
        }

        return definition.ToString();
    }

    /// <summary>The type arguments of every argument list, in order, trimmed: <c>[T, float]</c> for <c>Outer&lt;T&gt;.Layer&lt;float&gt;</c>.</summary>
    public static List<string> Arguments(string typeName)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < typeName.Length; i++)
        {
            switch (typeName[i])
            {
                case '<':
                    if (depth++ == 0) start = i + 1;
                    break;
                case '>':
                    if (--depth == 0) arguments.Add(typeName.Substring(start, i - start).Trim());
                    break;
                case ',' when depth == 1:
                    arguments.Add(typeName.Substring(start, i - start).Trim());
                    start = i + 1;
                    break;
            }
        }

        return arguments;
    }
}
