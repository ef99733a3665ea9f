using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using Checkpoint.Generated;

namespace Checkpoint.Loading;

/// <summary>
/// A template as a load target (braintools' <c>msgpack_load(path, target=template)</c>): a <see cref="StateDict"/>
/// or a tree of .NET dictionaries, lists, tuples, models, tensors and values. Containers and arrays are restored
/// in place; immutable leaves (numbers, strings, quantities, registered custom types) are replaced in their
/// container when the load applies. Keys absent from the source keep the template's value and are reported
/// missing; source keys absent from the template are reported unexpected.
/// </summary>
internal sealed class TemplateTarget
{
    private readonly LoadPlanner _planner;

    private TemplateTarget(LoadPlanner planner) => _planner = planner;

    /// <summary>
    /// Restores <paramref name="template"/> from <paramref name="source"/>; returns the restored tree: the template
    /// itself unless its root is a replaced leaf or a registered custom type.
    /// </summary>
    /// <exception cref="StateMismatchException">Problems were found under <see cref="Mismatch.Error"/>; nothing changed.</exception>
    public static T Restore<T>(T template, StateNode source, LoadOptions options, CancellationToken cancellationToken, out LoadReport report)
    {
        var planner = new LoadPlanner(options, cancellationToken);
        // The root is the value of an unnamed entry, so a root that is a leaf (or not the map a container needs)
        // goes through exactly the checks any other entry does.
        planner.BeginRootValue(source, LoadPlanner.Wording.Template);
        object? result = template;
        new TemplateTarget(planner).Plan(template, "", value => result = value);
        report = planner.Apply();
        return (T)result!;
    }

    /// <summary>Restores the template <paramref name="template"/> from a <see cref="StateDict"/> source; see <see cref="Restore{T}"/>.</summary>
    private void Plan(object? template, string key, Action<object?>? set)
    {
        if (template is not null && CustomTypeRegistry.TryGet(template.GetType(), out var custom))
        {
            Leaf(key, template, new RegisteredCodec(custom, _planner.Options.Mismatch), set);
            return;
        }

        switch (template)
        {
            case IStateful model:
                Container(key, () => ModelTarget.Plan(_planner, model, StateKinds.All), "the model");
                return;
            case StateDict map:
                Container(key, () => PlanStateDict(map), null);
                return;
            case Quantity or StateNode or byte[] or INdArray or string or Enum:
                break;
            case Array array when TreeConverter.ArrayTensor(array) is not null:
                break;
            case IDictionary dictionary:
                Container(key, () => PlanDictionary(dictionary), null);
                return;
            case IDictionary<string, object?> generic:
                Container(key, () => PlanGenericDictionary(generic), null);
                return;
            case IList list:
                Container(key, () => PlanList(list), null);
                return;
            case ITuple tuple:
                Container(key, () => PlanTuple(tuple), null);
                return;
        }

        if (TemplateCodecs.For(template) is { } codec)
        {
            Leaf(key, template, codec, set);
            return;
        }

        _planner.AddMismatch(key,
            $"cannot restore a {TypeNames.CSharp(template!.GetType())} from a template; register it with MsgPackCheckpoint.Register<{TypeNames.Short(template.GetType())}>");
    }

    private void Leaf(string key, object? template, ValueCodec<object?> codec, Action<object?>? set)
    {
        if (!_planner.TryLeaf(key, reportIfMissing: true, template, codec, null, out var load, canReplace: set is not null) || !load.Replaces) return;
        var value = load.Replacement;
        _planner.OnApply(() =>
        {
            // A source node that becomes part of the result must outlive the file it came from.
            if (value is StateNode node) StateTree.Materialize(node);
            set!(value);
        });
    }

    private void Container(string key, Action planChildren, string? what)
    {
        if (!_planner.TryEnterMap(key, out var leaf, out var absent))
        {
            _planner.AddMismatch(key, $"expected a map{(what is null ? "" : " for " + what)}, found {TensorLoads.Describe(leaf!)}");
            return;
        }

        if (absent)
        {
            // As braintools says it: the whole container is missing (its template values stay), not each leaf in it.
            _planner.Exit();
            _planner.AddMissing(key);
            return;
        }

        planChildren();
        _planner.Exit();
    }

    private void PlanStateDict(StateDict map)
    {
        // Keys first: replacements run later, but the walk must not depend on the map it plans for.
        for (var i = 0; i < map.Count; i++)
        {
            var key = map.KeyAt(i);
            var child = map.ValueAt(i);
            if (child is StateDict nested)
            {
                Container(key, () => PlanStateDict(nested), null);
                continue;
            }

            if (!_planner.TryLeaf(key, reportIfMissing: true, child, NodeCodec.Instance, null, out var load) || !load.Replaces) continue;
            var value = load.Replacement;
            _planner.OnApply(() =>
            {
                StateTree.Materialize(value);
                map[key] = value;
            });
        }
    }

    private void PlanDictionary(IDictionary dictionary)
    {
        var keys = new List<(string Text, object Key)>();
        foreach (var key in dictionary.Keys) keys.Add((Convert.ToString(key, CultureInfo.InvariantCulture) ?? "", key));
        foreach (var (text, key) in keys)
            Plan(dictionary[key], text, dictionary.IsReadOnly ? null : value => dictionary[key] = value);
    }

    private void PlanGenericDictionary(IDictionary<string, object?> dictionary)
    {
        foreach (var key in dictionary.Keys.ToList())
            Plan(dictionary[key], key, dictionary.IsReadOnly ? null : value => dictionary[key] = value);
    }

    private void PlanList(IList list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            var index = i;
            Plan(list[i], IndexKeys.Of(i), list.IsReadOnly ? null : value => list[index] = value);
        }
    }

    private void PlanTuple(ITuple tuple)
    {
        for (var i = 0; i < tuple.Length; i++) Plan(tuple[i], IndexKeys.Of(i), null);
    }
}
