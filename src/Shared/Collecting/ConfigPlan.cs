using System.Collections.Generic;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// What generated <c>FromConfig</c> does for a model: the config members the record holds (config role and a
/// supported type, in declaration order) and the constructor it calls, whose parameters must all name such members
/// (case and underscores ignored) and take their types; the one with the most parameters wins, else the
/// parameterless one. Members a constructor does not take are set afterwards when they are writable.
/// </summary>
internal sealed class ConfigPlan
{
    private ConfigPlan(List<ClassMember> members, ConfigConstruction construction, List<ConfigArgumentSpec> arguments, IMethodSymbol? constructor)
    {
        Members = members;
        Construction = construction;
        Arguments = arguments;
        Constructor = constructor;
    }

    /// <summary>The members the record holds.</summary>
    public List<ClassMember> Members { get; }

    /// <summary>How the model is created.</summary>
    public ConfigConstruction Construction { get; }

    /// <summary>The constructor's parameters, in order, each with the index in <see cref="Members"/> of the member it takes.</summary>
    public List<ConfigArgumentSpec> Arguments { get; }

    /// <summary>The constructor, for <see cref="ConfigConstruction.Parameterized"/>.</summary>
    public IMethodSymbol? Constructor { get; }

    /// <summary>True when the constructor takes <paramref name="member"/>.</summary>
    public bool Passes(ClassMember member)
    {
        foreach (var argument in Arguments)
        {
            if (ReferenceEquals(Members[argument.MemberIndex], member)) return true;
        }

        return false;
    }

    /// <summary>A config member an object initializer can set (an init accessor is fine there).</summary>
    public static bool IsWritable(ClassMember member) => member.Symbol switch
    {
        IFieldSymbol field => !field.IsReadOnly,
        IPropertySymbol property => property.SetMethod is not null,
        _ => false,
    };

    public static ConfigPlan Of(INamedTypeSymbol type, ClassMembers classMembers, Compilation compilation)
    {
        var members = new List<ClassMember>();
        foreach (var member in classMembers.Members)
        {
            if (member.Role == MemberRole.Config && ConfigTypes.IsSupported(member.Shape.Type)) members.Add(member);
        }

        List<ConfigArgumentSpec>? best = null;
        IMethodSymbol? chosen = null;
        var hasParameterless = false;
        foreach (var constructor in type.InstanceConstructors)
        {
            if (constructor.Parameters.Length == 0)
            {
                hasParameterless = true;
                continue;
            }

            var arguments = MatchAll(constructor, members, compilation);
            if (arguments is not null && (best is null || arguments.Count > best.Count))
            {
                best = arguments;
                chosen = constructor;
            }
        }

        if (best is not null) return new ConfigPlan(members, ConfigConstruction.Parameterized, best, chosen);
        return new ConfigPlan(members, hasParameterless ? ConfigConstruction.Parameterless : ConfigConstruction.None, [], null);
    }

    private static List<ConfigArgumentSpec>? MatchAll(IMethodSymbol constructor, List<ClassMember> members, Compilation compilation)
    {
        var arguments = new List<ConfigArgumentSpec>();
        foreach (var parameter in constructor.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams) return null;
            var index = -1;
            for (var i = 0; i < members.Count; i++)
            {
                if (ConfigTypes.NamesMatch(parameter.Name, SymbolNames.Identifier(members[i].Name)) || ConfigTypes.NamesMatch(parameter.Name, members[i].Key))
                {
                    index = i;
                    break;
                }
            }

            if (index < 0 || !compilation.HasImplicitConversion(members[index].Shape.Type, parameter.Type)) return null;
            arguments.Add(new ConfigArgumentSpec(SymbolNames.Identifier(parameter.Name), index));
        }

        return arguments;
    }
}
