using Checkpoint.SourceRules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Checkpoint.Analyzers.Usage;

/// <summary>
/// Recognises saves and exports: <c>ToStateDict(kinds)</c>, <c>Save*/Export*(…, kinds)</c>,
/// <c>States(kinds)</c> passed straight to a <c>Save*/Export*</c> method, and <c>Kinds = …</c> set on save
/// options (<c>new MsgPackSaveOptions { Kinds = … }</c>, which choose what a model saves); reads the kinds when
/// they are constant (a literal, a constant, or a local assigned a constant once and never written again).
/// </summary>
internal static class SaveCalls
{
    public const int Param = 1;
    public const int LongTerm = 2;
    public const int ShortTerm = 4;

    /// <summary>Property set on diagnostics whose kinds were defaulted (the fix adds an argument instead of replacing one).</summary>
    public const string DefaultedProperty = "KindsDefaulted";

    /// <summary>The operation kinds <see cref="TryAnalyze(IOperation, CheckpointSymbols, out SaveCall)"/> understands.</summary>
    public static readonly ImmutableArray<OperationKind> OperationKinds =
        ImmutableArray.Create(OperationKind.Invocation, OperationKind.SimpleAssignment);

    public static bool TryAnalyze(IOperation operation, CheckpointSymbols symbols, out SaveCall call)
    {
        call = default;
        return operation switch
        {
            IInvocationOperation invocation => TryAnalyze(invocation, symbols, out call),
            ISimpleAssignmentOperation assignment => TryAnalyzeOptions(assignment, symbols, out call),
            _ => false,
        };
    }

    /// <summary><c>Kinds = constant</c> on a Checkpoint <c>*SaveOptions</c> type (object initializers, <c>with</c>).</summary>
    private static bool TryAnalyzeOptions(ISimpleAssignmentOperation assignment, CheckpointSymbols symbols, out SaveCall call)
    {
        call = default;
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "Kinds" } property }
            || !property.ContainingType.Name.EndsWith("SaveOptions", StringComparison.Ordinal)
            || !SystemTypes.HasFullName(property.ContainingType, MetadataNames.Namespace, property.ContainingType.Name)
            || !CheckpointSymbols.Is(property.Type, symbols.StateKinds)
            || !TryGetConstant(assignment.Value, out var kinds))
        {
            return false;
        }

        call = new SaveCall(kinds, assignment.Value.Syntax.GetLocation(), false, property.ContainingType.Name + ".Kinds");
        return true;
    }

    private static bool TryAnalyze(IInvocationOperation invocation, CheckpointSymbols symbols, out SaveCall call)
    {
        call = default;
        var method = invocation.TargetMethod;
        string description;
        if (method.Name == "ToStateDict")
            description = "call to ToStateDict";
        else if (IsSaveName(method.Name))
            description = "call to " + method.Name;
        else if (method.Name == "States" && FeedsSave(invocation, out var saveName))
            description = "save of States(...) through " + saveName;
        else
            return false;

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null || !CheckpointSymbols.Is(argument.Parameter.Type, symbols.StateKinds))
                continue;
            var defaulted = argument.ArgumentKind == ArgumentKind.DefaultValue;
            if (!TryGetConstant(argument.Value, out var kinds))
                return false;
            var location = defaulted ? invocation.Syntax.GetLocation() : argument.Value.Syntax.GetLocation();
            call = new SaveCall(kinds, location, defaulted, description);
            return true;
        }
        return false;
    }

    /// <summary>Builds the diagnostic for a save call, marking defaulted kinds for the code fixes.</summary>
    public static Diagnostic CreateDiagnostic(DiagnosticDescriptor descriptor, SaveCall call)
    {
        var properties = call.KindsDefaulted
            ? ImmutableDictionary<string, string?>.Empty.Add(DefaultedProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        return Diagnostic.Create(descriptor, call.Location, properties, call.Description);
    }

    private static bool IsSaveName(string name) =>
        name.StartsWith("Save", StringComparison.Ordinal) || name.StartsWith("Export", StringComparison.Ordinal);

    private static bool FeedsSave(IOperation operation, out string saveName)
    {
        var parent = operation.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        if (parent is IArgumentOperation { Parent: IInvocationOperation outer } && IsSaveName(outer.TargetMethod.Name))
        {
            saveName = outer.TargetMethod.Name;
            return true;
        }
        saveName = "";
        return false;
    }

    private static bool TryGetConstant(IOperation value, out int kinds)
    {
        kinds = 0;
        if (value.ConstantValue is { HasValue: true, Value: int constant })
        {
            kinds = constant;
            return true;
        }
        while (value is IConversionOperation conversion)
            value = conversion.Operand;
        if (value is ILocalReferenceOperation local)
            return TryGetSingleConstantAssignment(local, out kinds);
        return false;
    }

    /// <summary>A local counts as constant when its declaration assigns a constant and nothing else in the body writes it.</summary>
    private static bool TryGetSingleConstantAssignment(ILocalReferenceOperation reference, out int kinds)
    {
        kinds = 0;
        var root = (IOperation)reference;
        while (root.Parent is not null)
            root = root.Parent;

        var found = false;
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    var initializer = declarator.Initializer?.Value;
                    if (initializer?.ConstantValue is not { HasValue: true, Value: int value })
                        return false;
                    kinds = value;
                    found = true;
                    break;
                case ISimpleAssignmentOperation assignment when IsLocal(assignment.Target, reference.Local):
                case ICompoundAssignmentOperation compound when IsLocal(compound.Target, reference.Local):
                case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, reference.Local):
                case IArgumentOperation { Parameter.RefKind: not RefKind.None } byRef when IsLocal(byRef.Value, reference.Local):
                    return false;
            }
        }
        return found;
    }

    private static bool IsLocal(IOperation target, ILocalSymbol local) =>
        target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
}
