using System.Collections.Generic;
using System.Globalization;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>How <c>ResetState</c> re-initialises a short-term member (<c>Initializer</c>, <c>Fill</c>, or zero), and why it cannot.</summary>
internal static class Resets
{
    /// <summary>The reset the generator writes for a short-term member it keeps.</summary>
    public static ResetSpec Of(ClassMember member, INamedTypeSymbol model, CollectorContext context)
    {
        var attribute = member.Attributes.Role!.Value;
        if (attribute.Argument(AttributeArguments.Initializer)?.Value is string initializer)
        {
            return InitializerProblem(model, initializer, member.Shape.Type, context) is null
                ? new ResetSpec(ResetMode.Initializer, 0, SymbolNames.Identifier(initializer))
                : new ResetSpec(ResetMode.None, 0, "");
        }

        if (member.Info.IsFillable && attribute.Argument(AttributeArguments.Fill)?.Value is double fill)
        {
            // A fill the type cannot hold is left out of ResetState (CKPT0017 says so) rather than emitted as
            // code that fails to compile or wraps silently.
            return FillRanges.Fits(FillTarget(member), fill) ? new ResetSpec(ResetMode.Fill, fill, "") : new ResetSpec(ResetMode.None, 0, "");
        }

        return ResetSpec.Default;
    }

    /// <summary>CKPT0012 and CKPT0017: an initializer that is not a usable method, a fill the element type cannot hold.</summary>
    public static void Check(ClassMember member, INamedTypeSymbol model, CollectorContext context, List<Problem> problems)
    {
        foreach (var attribute in member.Attributes.All)
        {
            if (attribute.Kind != MemberAttributeKind.ShortTerm) continue;
            var site = ProblemSite.Attribute(member.Name, attribute.Index);
            var type = member.Shape.Type;
            if (attribute.StringArgument(AttributeArguments.Initializer) is { } initializer
                && InitializerProblem(model, initializer, type, context) is { } problem)
            {
                problems.Add(Problem.Create(RuleIds.InvalidInitializer, site, member.Name, initializer, context.TypeNameForMessages(type), problem));
            }

            if (attribute.Argument(AttributeArguments.Fill)?.Value is double fill && member.Info.IsFillable
                && !FillRanges.Fits(FillTarget(member), fill))
            {
                problems.Add(Problem.Create(RuleIds.FillDoesNotFit, site,
                    member.Name, fill.ToString("R", CultureInfo.InvariantCulture), TypeNames.Short(FillTarget(member)!)));
            }
        }
    }

    // The element type for tensors and arrays, the type itself for scalars and enums.
    private static ITypeSymbol? FillTarget(ClassMember member) => member.Info.Kind == StateTypeKind.Enum ? member.Shape.Type : member.Info.Element;

    /// <summary>
    /// Null when <paramref name="name"/> is a parameterless, non-generic instance method of the model (or an
    /// accessible one of its bases) whose result converts implicitly to the member type; otherwise why the first
    /// candidate does not fit.
    /// </summary>
    private static string? InitializerProblem(INamedTypeSymbol model, string name, ITypeSymbol memberType, CollectorContext context)
    {
        string? firstProblem = null;
        for (var type = model; type is not null; type = type.BaseType)
        {
            foreach (var candidate in type.GetMembers(name))
            {
                var problem = candidate switch
                {
                    not IMethodSymbol { MethodKind: MethodKind.Ordinary } => $"'{name}' is not a method",
                    IMethodSymbol { IsStatic: true } => $"'{name}' is static",
                    IMethodSymbol { Parameters.Length: > 0 } or IMethodSymbol { IsGenericMethod: true } => $"'{name}' takes parameters",
                    IMethodSymbol { DeclaredAccessibility: Accessibility.Private } when !ReferenceEquals(type, model) =>
                        $"'{name}' is private to '{type.Name}'",
                    IMethodSymbol method when !context.Compilation.ClassifyCommonConversion(method.ReturnType, memberType).IsImplicit =>
                        $"'{name}' returns '{context.TypeNameForMessages(method.ReturnType)}'",
                    _ => null,
                };
                if (problem is null) return null;
                firstProblem ??= problem;
            }
        }

        return firstProblem ?? $"no member named '{name}' was found in '{model.Name}'";
    }
}
