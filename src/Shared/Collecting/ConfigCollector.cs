using System.Collections.Generic;
using System.Threading;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>
/// A model's <c>[Config]</c> members: the configuration record the generator writes (<see cref="ConfigSpec"/>) and
/// the members it cannot use (CKPT0008). Both come from one plan: which members the record holds and which
/// constructor <c>FromConfig</c> calls.
/// </summary>
internal static class ConfigCollector
{
    /// <summary>The configuration record of a model, or null when it has none (no supported config member; generic, derived or abstract models).</summary>
    public static ConfigSpec? Spec(
        INamedTypeSymbol type, bool baseIsModel, ClassMembers members, CollectorContext context, CancellationToken cancellationToken)
    {
        if (baseIsModel || type.IsGenericType || IsInGenericType(type) || type.IsAbstract || type.TypeKind != TypeKind.Class) return null;
        var plan = ConfigPlan.Of(type, members, context.Compilation);
        if (plan.Members.Count == 0) return null;

        var modelIsPublic = IsEffectivelyPublic(type);
        var isPublic = modelIsPublic;
        var specs = new List<ConfigMemberSpec>(plan.Members.Count);
        foreach (var member in plan.Members)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var memberType = member.Shape.Type;
            if (memberType.TypeKind == TypeKind.Enum && !IsEffectivelyPublic(memberType)) isPublic = false;
            var isString = memberType.SpecialType == SpecialType.System_String;
            var nullable = isString && memberType.NullableAnnotation == NullableAnnotation.Annotated;
            specs.Add(new ConfigMemberSpec(
                SymbolNames.Identifier(member.Name), member.Key, context.TypeName(memberType) + (nullable ? "?" : ""), isString, nullable,
                ConfigLiterals.DefaultValue(member.Symbol, memberType, context, cancellationToken), ConfigPlan.IsWritable(member)));
        }

        // A constructor parameter's default (int nOutput = 10) is the record's default when the member has none.
        if (plan.Constructor is { } constructor)
        {
            for (var i = 0; i < plan.Arguments.Count; i++)
            {
                var parameter = constructor.Parameters[i];
                var index = plan.Arguments[i].MemberIndex;
                if (parameter.HasExplicitDefaultValue && specs[index].DefaultValue.Length == 0)
                    specs[index] = specs[index] with { DefaultValue = ConfigLiterals.Literal(parameter.ExplicitDefaultValue, plan.Members[index].Shape.Type) };
            }
        }

        return new ConfigSpec(
            RecordName: type.Name + "Config",
            Accessibility: isPublic ? "public" : "internal",
            MethodAccessibility: isPublic || !modelIsPublic ? "public" : "internal",
            Construction: plan.Construction,
            ConstructorArguments: EquatableArray.From(plan.Arguments),
            Members: EquatableArray.From(specs),
            MessagePackAttributes: context.Symbols.HasMessagePackAnnotations);
    }

    /// <summary>CKPT0008: config members generated code cannot read or set, or whose type a config cannot hold.</summary>
    public static void Check(INamedTypeSymbol type, ClassMembers members, CollectorContext context, List<Problem> problems)
    {
        ConfigPlan? plan = null;
        foreach (var member in members.Members)
        {
            if (!member.Attributes.HasConfig) continue;
            var site = ProblemSite.Member(member.Name);
            if (Writability.CheckShape(member.Symbol) is { } shape)
            {
                problems.Add(Problem.Create(RuleIds.ConfigMisuse, site, member.Name,
                    $"is {shape.What}, so the generated config code leaves it out; {shape.Advice}"));
                continue;
            }

            if (Writability.Check(member.Symbol, initAllowed: true) is { } problem
                && !(plan ??= ConfigPlan.Of(type, members, context.Compilation)).Passes(member))
            {
                problems.Add(new Problem(RuleIds.ConfigMisuse, site,
                    EquatableArray.From([member.Name, $"is {problem.What}, so generated FromConfig cannot set it; {problem.Advice}"]), problem.Fix));
                continue;
            }

            var memberType = member.Shape.Type;
            if (!StateTypeChecks.ContainsError(memberType) && !ConfigTypes.IsSupported(memberType))
            {
                problems.Add(Problem.Create(RuleIds.ConfigMisuse, site, member.Name,
                    $"has type '{context.TypeNameForMessages(memberType)}', which a config cannot hold; use {ConfigTypes.Text}"));
            }
        }
    }

    private static bool IsInGenericType(INamedTypeSymbol type)
    {
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType) return true;
        }

        return false;
    }

    private static bool IsEffectivelyPublic(ITypeSymbol type)
    {
        for (ISymbol? current = type; current is INamedTypeSymbol named; current = named.ContainingType)
        {
            if (named.DeclaredAccessibility != Accessibility.Public) return false;
        }

        return true;
    }
}
