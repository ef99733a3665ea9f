using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Checkpoint.SourceRules;

/// <summary>Why generated code cannot use a member, and the fix that would make it usable.</summary>
internal sealed class WritabilityProblem
{
    /// <summary>The diagnostic property naming the fix the code-fix provider should offer.</summary>
    public const string FixProperty = "Fix";
    public const string RemoveReadonly = "RemoveReadonly";
    public const string RemoveStatic = "RemoveStatic";
    public const string AddSetter = "AddSetter";
    public const string InitToSet = "InitToSet";

    public WritabilityProblem(string what, string advice, string fix = "")
    {
        What = what;
        Advice = advice;
        Fix = fix;
    }

    /// <summary>What the member is ("readonly", "a get-only property").</summary>
    public string What { get; }

    /// <summary>What to do about it.</summary>
    public string Advice { get; }

    /// <summary>The mechanical fix (one of the constants above), or empty when there is none.</summary>
    public string Fix { get; }
}

/// <summary>Whether generated instance code (save, load, reset, GetConfig, FromConfig) can read and assign a field or property.</summary>
internal static class Writability
{
    /// <summary>
    /// Why generated code cannot assign <paramref name="member"/>, or null. Init accessors only work in object
    /// initializers: fine for FromConfig (<paramref name="initAllowed"/>), not for load and reset, which assign later.
    /// </summary>
    public static WritabilityProblem? Check(ISymbol member, bool initAllowed)
    {
        switch (member)
        {
            case IFieldSymbol { IsConst: true }:
                return new WritabilityProblem("a constant", "make it an instance field");
            case IFieldSymbol { IsStatic: true }:
            case IPropertySymbol { IsStatic: true }:
                return new WritabilityProblem("static", "remove 'static' so each instance has its own value", WritabilityProblem.RemoveStatic);
            case IFieldSymbol { IsReadOnly: true }:
                return new WritabilityProblem("readonly", "remove 'readonly'", WritabilityProblem.RemoveReadonly);
            case IPropertySymbol { SetMethod: null } property:
                return IsAutoGetter(property)
                    ? new WritabilityProblem("a get-only property", initAllowed ? "add 'set;' or 'init;'" : "add 'set;' (it may be private)", WritabilityProblem.AddSetter)
                    : new WritabilityProblem("a get-only property", "add a setter or store the value in a field");
            case IPropertySymbol { SetMethod.IsInitOnly: true } when !initAllowed:
                return new WritabilityProblem("an init-only property", "replace 'init' with 'set' (it may be private)", WritabilityProblem.InitToSet);
            default:
                return null;
        }
    }

    /// <summary>
    /// Why generated code cannot use a property at all, or null: it cannot read a set-only property, and it
    /// leaves out indexers, explicit interface implementations and ref-returning properties.
    /// </summary>
    public static WritabilityProblem? CheckShape(ISymbol member) => member switch
    {
        IPropertySymbol { IsIndexer: true } => new WritabilityProblem("an indexer", "store the value in a field or an ordinary property"),
        IPropertySymbol { ExplicitInterfaceImplementations.IsEmpty: false } =>
            new WritabilityProblem("an explicit interface implementation", "store the value in a field or an ordinary property"),
        IPropertySymbol { RefKind: not RefKind.None } => new WritabilityProblem("a ref-returning property", "store the value in a field or an ordinary property"),
        IPropertySymbol { GetMethod: null } => new WritabilityProblem("a set-only property", "add a getter"),
        _ => null,
    };

    /// <summary>Whether the property is written <c>{ get; }</c> (so adding <c>set;</c> makes an auto-property).</summary>
    private static bool IsAutoGetter(IPropertySymbol property)
    {
        foreach (var reference in property.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not PropertyDeclarationSyntax { AccessorList: { } accessors }) continue;
            var allBodiless = true;
            foreach (var accessor in accessors.Accessors) allBodiless &= accessor.Body is null && accessor.ExpressionBody is null;
            if (allBodiless) return true;
        }

        return false;
    }
}
