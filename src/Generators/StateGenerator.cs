using Checkpoint.Generators.Emitting;
using Checkpoint.Generators.Pipeline;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Generators;

/// <summary>
/// Implements <c>Checkpoint.IStateful</c> for every partial class with state attributes or <c>[Module]</c>:
/// one generated file per model. This file is the pipeline only: the attribute triggers name the classes
/// (Pipeline/ModelClasses), the shared collector (src/Shared) reads each class once into a spec, the emitters
/// (Emitting) write it.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class StateGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Specs are plain values: after an edit that changes no model they compare equal and every output is cached.
        var models = ModelClasses.Find(context)
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => ModelSpecs.Collect(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.AllModels)
            .SelectMany(static (specs, _) => specs)
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (output, model) => output.AddSource(model.HintName, StateEmitter.Emit(model)));
    }
}
