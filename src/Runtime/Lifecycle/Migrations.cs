namespace Checkpoint;

/// <summary>
/// Steps that upgrade a checkpoint tree from one version to the next (<c>migrate_v1_to_v2</c> of the guide),
/// chained and run before the state is loaded. Registered steps apply to every load that uses this set;
/// <see cref="Global"/> is the set the file helpers use unless a load is given its own set.
/// </summary>
public sealed class Migrations
{
    private const int MaxSteps = 1000;
    private readonly Dictionary<string, (string To, Func<StateDict, StateDict> Step)> _steps = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The process-wide set used by default.</summary>
    public static Migrations Global { get; } = new();

    /// <summary>The version a checkpoint without a <c>version</c> entry is taken to have.</summary>
    public const string UnversionedVersion = "1.0";

    /// <summary>Registers a step in <see cref="Global"/>.</summary>
    /// <param name="from">The version the step reads.</param>
    /// <param name="to">The version it produces.</param>
    /// <param name="step">Changes the whole checkpoint tree (<c>params</c>, <c>config</c>, ...) and returns it (or a new tree).</param>
    public static void Register(string from, string to, Func<StateDict, StateDict> step) => Global.Add(from, to, step);

    /// <summary>Adds a step to this set; a second step from the same version replaces the first.</summary>
    /// <param name="from">The version the step reads.</param>
    /// <param name="to">The version it produces.</param>
    /// <param name="step">Changes the whole checkpoint tree and returns it.</param>
    /// <returns>This set, for chaining.</returns>
    public Migrations Add(string from, string to, Func<StateDict, StateDict> step)
    {
        ArgumentException.ThrowIfNullOrEmpty(from);
        ArgumentException.ThrowIfNullOrEmpty(to);
        ArgumentNullException.ThrowIfNull(step);
        if (from == to) throw new ArgumentException($"A migration must change the version; both are '{from}'.", nameof(to));
        lock (_gate) _steps[from] = (to, step);
        return this;
    }

    /// <summary>Adds a step that only renames entries: each pair maps an old dotted path to a new one.</summary>
    /// <param name="from">The version the step reads.</param>
    /// <param name="to">The version it produces.</param>
    /// <param name="renames">Old path to new path, relative to the whole tree (<c>params.old_param_name</c>).</param>
    /// <returns>This set, for chaining.</returns>
    public Migrations AddRenames(string from, string to, params (string OldPath, string NewPath)[] renames) =>
        Add(from, to, tree =>
        {
            foreach (var (oldPath, newPath) in renames) MovePath(tree, oldPath, newPath);
            return tree;
        });

    /// <summary>Moves the node at <paramref name="oldPath"/> to <paramref name="newPath"/>; does nothing when it is absent.</summary>
    /// <param name="tree">The checkpoint tree.</param>
    /// <param name="oldPath">The dotted path to move.</param>
    /// <param name="newPath">The dotted path it moves to (parents are created).</param>
    /// <returns>True when something moved.</returns>
    public static bool MovePath(StateDict tree, string oldPath, string newPath)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var oldSegments = oldPath.Split(StateDict.PathSeparator);
        if (!tree.TryGetPath(oldSegments, out var node)) return false;
        var parent = oldSegments.Length == 1 ? tree : (StateDict)tree.GetPath(string.Join(StateDict.PathSeparator, oldSegments[..^1]));
        parent.Remove(oldSegments[^1]);
        tree.SetPath(newPath, node);
        return true;
    }

    /// <summary>
    /// Runs the chain of steps from the tree's version until <paramref name="targetVersion"/> (or until no step
    /// applies, when it is null). Renames (a node that moved to a new path) and each step go into <paramref name="report"/>.
    /// </summary>
    /// <param name="tree">The whole checkpoint tree.</param>
    /// <param name="targetVersion">The version the code expects, or null for "as far as the steps go".</param>
    /// <param name="report">Receives notes and renames.</param>
    /// <returns>The migrated tree, with its <c>version</c> entry updated.</returns>
    public StateDict Migrate(StateDict tree, string? targetVersion, LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(report);
        var version = VersionOf(tree);
        for (var count = 0; version != targetVersion; count++)
        {
            (string To, Func<StateDict, StateDict> Step) next;
            lock (_gate)
            {
                if (!_steps.TryGetValue(version, out next))
                {
                    if (targetVersion is null) break;
                    throw new CheckpointException(
                        $"The checkpoint has version '{version}' and no migration leads from it to '{targetVersion}' " +
                        $"(registered steps: {string.Join(", ", _steps.Select(s => s.Key + " -> " + s.Value.To))}).");
                }
            }

            if (count >= MaxSteps) throw new CheckpointException($"Migrations from version '{version}' form a cycle.");
            var before = Leaves(tree);
            tree = next.Step(tree) ?? throw new CheckpointException($"The migration {version} -> {next.To} returned null.");
            tree[CheckpointKeys.Version] = next.To;
            ReportMoves(before, Leaves(tree), $"migration {version} -> {next.To}", report);
            report.AddNote($"migrated {version} -> {next.To}");
            version = next.To;
        }

        return tree;
    }

    /// <summary>The tree's <c>version</c> entry, or <see cref="UnversionedVersion"/> when it has none.</summary>
    /// <param name="tree">The whole checkpoint tree.</param>
    public static string VersionOf(StateDict tree) =>
        tree.TryGetValue(CheckpointKeys.Version, out var node) && node is StringNode text ? text.Value
        : tree.TryGetValue(CheckpointKeys.Version, out node) && node is not NullNode ? node.ToString() ?? UnversionedVersion
        : UnversionedVersion;

    private static Dictionary<string, StateNode> Leaves(StateDict tree)
    {
        var leaves = new Dictionary<string, StateNode>(StringComparer.Ordinal);
        foreach (var (path, node) in tree.Leaves())
        {
            if (path != CheckpointKeys.Version) leaves[path] = node;
        }

        return leaves;
    }

    // A leaf object that disappeared from one path and appeared at another was renamed by the step.
    private static void ReportMoves(Dictionary<string, StateNode> before, Dictionary<string, StateNode> after, string reason, LoadReport report)
    {
        var added = after.Where(a => !before.ContainsKey(a.Key)).ToList();
        foreach (var (oldPath, node) in before)
        {
            if (after.ContainsKey(oldPath)) continue;
            foreach (var (newPath, moved) in added)
            {
                if (ReferenceEquals(node, moved))
                {
                    report.AddRename(new LoadRename(oldPath, newPath, reason));
                    break;
                }
            }
        }
    }
}
