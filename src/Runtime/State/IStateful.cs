using System.ComponentModel;
using Checkpoint.Generated;

namespace Checkpoint;

/// <summary>
/// A model whose state can be enumerated, saved, loaded and reset. The source generator implements it for
/// every annotated <c>partial</c> class; generic code (file savers, managers, optimizers) works through it,
/// whichever assembly the model was compiled in.
/// </summary>
public interface IStateful
{
    /// <summary>
    /// Reports this model's state members and child models to <paramref name="visitor"/>, in declaration order
    /// (base class first). Generated; call <see cref="States"/>, <see cref="ToStateDict"/> and the file APIs instead.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    void VisitState(StateVisitor visitor);

    /// <summary>The state entries of this model and all its children, in order, filtered by kind.</summary>
    IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All);

    /// <summary>
    /// A nested state dictionary of the selected kinds. Tensor leaves refer to the model's memory (no copy):
    /// clone the tree (<see cref="StateTree.DeepClone(StateDict)"/>) to keep a snapshot while the model changes.
    /// </summary>
    StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent);

    /// <summary>
    /// Restores state in place from <paramref name="source"/> and reports what was loaded, missing, unexpected
    /// or mismatched. With <see cref="Mismatch.Error"/> (the default) nothing is changed when any problem is
    /// found and one <see cref="StateMismatchException"/> lists them all.
    /// </summary>
    LoadReport LoadStateDict(StateDict source, LoadOptions? options = null);

    /// <summary>Re-initialises every short-term state of this model and its children.</summary>
    void ResetState();
}
