using Checkpoint.Generated;

namespace Checkpoint.Loading;

/// <summary>
/// A generated model as a load target: a planning visit offers every member to the planner; when the load
/// applies, a second visit sets the members whose codec produced a new value (array members are filled in place
/// and need no second visit). Both visits see the members in the same order, so the n-th member of the first is
/// the n-th of the second: no closure or accessor is made per member.
/// </summary>
internal static class ModelTarget
{
    /// <summary>Loads <paramref name="source"/> into <paramref name="model"/>; see <see cref="IStateful.LoadStateDict"/>.</summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static LoadReport Load(IStateful model, StateDict source, LoadOptions options, CancellationToken cancellationToken)
    {
        var planner = new LoadPlanner(options, cancellationToken);
        planner.BeginRoot(source, LoadPlanner.Wording.Model);
        Plan(planner, model, StateKinds.All);
        return planner.Apply();
    }

    /// <summary>
    /// Plans <paramref name="model"/>'s members of <paramref name="targetKinds"/> against the planner's current level
    /// (the root, a section, or a template's container) and schedules the member updates for when it applies.
    /// </summary>
    public static void Plan(LoadPlanner planner, IStateful model, StateKinds targetKinds)
    {
        var visitor = new PlanVisitor(planner, targetKinds);
        visitor.Visit(model);
        if (visitor.Replacements.Count > 0)
        {
            var replacements = visitor.Replacements;
            planner.OnApply(() => new ApplyVisitor(replacements, planner.Options.MaxDepth).Visit(model));
        }
    }

    /// <summary>A member's new value, waiting for the apply visit; found there by the member's position.</summary>
    private abstract class Replacement(int position)
    {
        public int Position { get; } = position;
    }

    private sealed class Replacement<T>(int position, T value) : Replacement(position)
    {
        public T Value { get; } = value;
    }

    private sealed class PlanVisitor(LoadPlanner planner, StateKinds targetKinds) : StateVisitor(planner.Options.MaxDepth)
    {
        private int _position;

        public List<Replacement> Replacements { get; } = [];

        public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
        {
            var position = _position++;
            if ((kind & targetKinds) == 0) return false;
            var reportIfMissing = (kind & planner.Options.Kinds) != 0;
            if (planner.TryLeaf(key, reportIfMissing, value, codec, formerKeys, out var load) && load.Replaces)
                Replacements.Add(new Replacement<T>(position, load.Replacement));
            return false;
        }

        protected override bool EnterChild(string key)
        {
            planner.Enter(key);
            return true;
        }

        protected override void ExitChild() => planner.Exit();
    }

    private sealed class ApplyVisitor(List<Replacement> replacements, int maxDepth) : StateVisitor(maxDepth)
    {
        private int _position;
        private int _next;

        public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
        {
            var position = _position++;
            if (_next >= replacements.Count || replacements[_next].Position != position) return false;
            value = ((Replacement<T>)replacements[_next++]).Value;
            return true;
        }

        // Once every new value is set, the rest of the tree has nothing to visit.
        protected override bool EnterChild(string key) => _next < replacements.Count;
    }
}
