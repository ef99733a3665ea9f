using System.Collections.Generic;
using System.Threading;
using Checkpoint.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Checkpoint.SourceRules;

/// <summary>What the collector found for one type: the spec the generator emits, and the problems the analyzers report.</summary>
/// <param name="Spec">The model spec, or null when the generator writes nothing for the type.</param>
/// <param name="Problems">Everything wrong with the type as a model; every member the generator leaves out for a reason has one.</param>
internal sealed record CollectedModel(ModelSpec? Spec, EquatableArray<Problem> Problems);

/// <summary>
/// The one reader of model symbols, shared by the generator and the analyzers: given a type it decides, member by
/// member, what the generated code does (the <see cref="ModelSpec"/>) and what is wrong (the <see cref="Problem"/>s).
/// The generator asks for the spec, the analyzers for the problems; both come from the same decisions
/// (<see cref="ClassMembers"/>), so a member the generator leaves out always has a problem saying why.
/// </summary>
internal sealed class ModelCollector
{
    public ModelCollector(CollectorContext context) => Context = context;

    /// <summary>The compilation's symbols and caches.</summary>
    public CollectorContext Context { get; }

    /// <summary>The spec of a class the generator writes code for, or null (not a model, not partial, static, file-local).</summary>
    public ModelSpec? CollectSpec(INamedTypeSymbol type, CancellationToken cancellationToken) =>
        Collect(type, wantSpec: true, problems: null, cancellationToken);

    /// <summary>The problems of <paramref name="type"/> as a model (any type: members of structs can be misattributed too).</summary>
    public EquatableArray<Problem> CollectProblems(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        Collect(type, wantSpec: false, problems, cancellationToken);
        return EquatableArray.From(problems);
    }

    /// <summary>The spec and the problems.</summary>
    public CollectedModel Collect(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        var spec = Collect(type, wantSpec: true, problems, cancellationToken);
        return new CollectedModel(spec, EquatableArray.From(problems));
    }

    private ModelSpec? Collect(INamedTypeSymbol type, bool wantSpec, List<Problem>? problems, CancellationToken cancellationToken)
    {
        if (type.TypeKind != TypeKind.Class)
        {
            if (problems is not null) CollectOutsideClass(type, problems);
            return null;
        }

        var declares = Context.Models.DeclaresModel(type);
        var canGenerate = declares && PartialDeclarations.CanGenerate(type);
        var emit = wantSpec && canGenerate;
        if (!emit && (problems is null || !Context.Models.IsAnnotatedModel(type))) return null;

        var members = Context.MembersOf(type, cancellationToken);
        if (problems is not null)
        {
            if (declares && !canGenerate) ModelChecks.CheckPartial(type, problems, cancellationToken);
            CollectProblems(type, members, problems, cancellationToken);
        }

        return emit ? Spec(type, members, cancellationToken) : null;
    }

    private ModelSpec Spec(INamedTypeSymbol type, ClassMembers members, CancellationToken cancellationToken)
    {
        var specs = new List<MemberSpec>();
        foreach (var member in members.Members)
        {
            if (member.Role is not { } role) continue;
            var reset = role == MemberRole.ShortTerm ? Resets.Of(member, type, Context) : ResetSpec.Default;
            specs.Add(MemberSpecs.Create(member, reset, Context));
        }

        var baseIsModel = Context.Models.IsModel(type.BaseType);
        var model = new ModelSpec(
            FullName: Context.TypeName(type),
            HintName: TypeDeclarations.HintName(type),
            Namespace: SymbolNames.Namespace(type.ContainingNamespace),
            ContainingTypes: TypeDeclarations.Containing(type),
            Type: TypeDeclarations.Of(type),
            IsSealed: type.IsSealed,
            BaseIsModel: baseIsModel,
            Members: EquatableArray.From(specs));
        return model with
        {
            Config = ConfigCollector.Spec(type, baseIsModel, members, Context, cancellationToken),
            BaseModel = baseIsModel ? Context.TypeName(type.BaseType!) : "",
            IsAbstract = type.IsAbstract,
        };
    }

    private void CollectProblems(INamedTypeSymbol type, ClassMembers members, List<Problem> problems, CancellationToken cancellationToken)
    {
        foreach (var member in members.Members)
        {
            MemberChecks.CheckAttributes(member.Name, member.Attributes, problems);
            MemberChecks.CheckState(member, Context, problems);
            MemberChecks.CheckUnsaved(member, Context, problems);
            Resets.Check(member, type, Context, problems);
        }

        ConfigCollector.Check(type, members, Context, problems);
        ModelChecks.CheckCycles(type, members, Context, problems, cancellationToken);
        ModelChecks.CheckKeys(type, Context, problems, cancellationToken);
        ModelChecks.CheckEmptyModule(type, Context, problems, cancellationToken);
    }

    // Structs, interfaces and enums are never models: their attributed members are mistakes.
    private void CollectOutsideClass(INamedTypeSymbol type, List<Problem> problems)
    {
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member is not (IFieldSymbol or IPropertySymbol)) continue;
            var attributes = MemberAttributes.Read(member, Context.Symbols);
            if (!attributes.Any) continue;
            MemberChecks.CheckAttributes(member.Name, attributes, problems);
            MemberChecks.CheckOutsideClass(member, attributes, type, problems);
        }
    }
}
