using System.ComponentModel;
using Checkpoint.Loading;

namespace Checkpoint.Generated;

/// <summary>
/// The shared implementations behind the members the generator writes into every model (<see cref="IStateful.States"/>,
/// <see cref="IStateful.ToStateDict"/>, <see cref="IStateful.LoadStateDict"/>): generated code stays one line each,
/// and the behaviour lives, and is tested, here once.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedModel
{
    /// <summary>The state entries of <paramref name="model"/> and its children, in order, filtered by kind.</summary>
    public static IReadOnlyList<StateEntry> States(IStateful model, StateKinds kinds) => EntryCollector.Collect(model, kinds);

    /// <summary>The nested state dictionary of <paramref name="model"/>'s members of <paramref name="kinds"/> (tensors referenced).</summary>
    public static StateDict ToStateDict(IStateful model, StateKinds kinds) => TreeBuilder.Build(model, kinds);

    /// <summary>Loads <paramref name="source"/> into <paramref name="model"/> through the one load planner.</summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static LoadReport LoadStateDict(IStateful model, StateDict source, LoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        return ModelTarget.Load(model, source, options ?? LoadOptions.Default, CancellationToken.None);
    }
}
