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
        var root = new RootSlot(template);
        new TemplateTarget(planner).Plan(template, "", Slot.Of(root));
        report = planner.Apply();
        return (T)root.Value!;
    }

    // The walk allocates nothing per entry that is restored in place (arrays, containers): no closure per level or
    // per slot. Only a leaf that is replaced schedules its replacement.
    private void Plan(object? template, string key, Slot slot)
    {
        if (template is not null && CustomTypeRegistry.TryGet(template.GetType(), out var custom))
        {
            Leaf(key, template, new RegisteredCodec(custom, _planner.Options.Mismatch), slot);
            return;
        }

        switch (template)
        {
            case IStateful model:
                InContainer(key, "the model", model, static (self, m) => ModelTarget.Plan(self._planner, m, StateKinds.All));
                return;
            case StateDict map:
                InContainer(key, null, map, static (self, m) => self.PlanStateDict(m));
                return;
            case Quantity or StateNode or byte[] or INdArray or string or Enum:
                break;
            case Array array when TreeConverter.ArrayTensor(array) is not null:
                break;
            case IDictionary dictionary:
                InContainer(key, null, dictionary, static (self, d) => self.PlanDictionary(d));
                return;
            case IDictionary<string, object?> generic:
                InContainer(key, null, generic, static (self, d) => self.PlanGenericDictionary(d));
                return;
            case IList list:
                InContainer(key, null, list, static (self, l) => self.PlanList(l));
                return;
            case ITuple tuple:
                InContainer(key, null, tuple, static (self, t) => self.PlanTuple(t));
                return;
        }

        if (TemplateCodecs.For(template) is { } codec)
        {
            Leaf(key, template, codec, slot);
            return;
        }

        _planner.AddMismatch(key,
            $"cannot restore a {TypeNames.CSharp(template!.GetType())} from a template; register it with MsgPackCheckpoint.Register<{TypeNames.Short(template.GetType())}>");
    }

    private void Leaf(string key, object? template, ValueCodec<object?> codec, Slot slot)
    {
        if (!_planner.TryLeaf(key, reportIfMissing: true, template, codec, null, out var load, canReplace: slot.CanSet) || !load.Replaces) return;
        ReplaceLater(slot, load.Replacement);
    }

    private void ReplaceLater(Slot slot, object? value) => _planner.OnApply(() =>
    {
        // A source node that becomes part of the result must outlive the file it came from.
        if (value is StateNode node) StateTree.Materialize(node);
        slot.Set(value);
    });

    /// <summary>Plans the children of the container under <paramref name="key"/> at its level (static lambdas: no allocation per container).</summary>
    private void InContainer<TContainer>(string key, string? what, TContainer container, Action<TemplateTarget, TContainer> planChildren)
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

        planChildren(this, container);
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
                InContainer(key, null, nested, static (self, m) => self.PlanStateDict(m));
                continue;
            }

            if (_planner.TryLeaf(key, reportIfMissing: true, child, NodeCodec.Instance, null, out var load) && load.Replaces)
                ReplaceLater(Slot.Of(map, key), load.Replacement);
        }
    }

    private void PlanDictionary(IDictionary dictionary)
    {
        var keys = new List<(string Text, object Key)>();
        foreach (var key in dictionary.Keys) keys.Add((Convert.ToString(key, CultureInfo.InvariantCulture) ?? "", key));
        foreach (var (text, key) in keys) Plan(dictionary[key], text, Slot.Of(dictionary, key));
    }

    private void PlanGenericDictionary(IDictionary<string, object?> dictionary)
    {
        foreach (var key in dictionary.Keys.ToList()) Plan(dictionary[key], key, Slot.Of(dictionary, key));
    }

    private void PlanList(IList list)
    {
        for (var i = 0; i < list.Count; i++) Plan(list[i], IndexKeys.Of(i), Slot.Of(list, i));
    }

    private void PlanTuple(ITuple tuple)
    {
        for (var i = 0; i < tuple.Length; i++) Plan(tuple[i], IndexKeys.Of(i), Slot.ReadOnly);
    }

    /// <summary>Where a template value sits, so a replaced leaf can be put back: a map entry, a list index, the root, or nowhere (a tuple).</summary>
    private readonly struct Slot
    {
        private readonly object? _container;
        private readonly object? _key;
        private readonly int _index;

        private Slot(object? container, object? key, int index)
        {
            _container = container;
            _key = key;
            _index = index;
        }

        public static Slot ReadOnly => default;

        public static Slot Of(RootSlot root) => new(root, null, 0);

        public static Slot Of(StateDict map, string key) => new(map, key, 0);

        public static Slot Of(IDictionary dictionary, object key) => new(dictionary.IsReadOnly ? null : dictionary, key, 0);

        public static Slot Of(IDictionary<string, object?> dictionary, string key) => new(dictionary.IsReadOnly ? null : dictionary, key, 0);

        public static Slot Of(IList list, int index) => new(list.IsReadOnly ? null : list, null, index);

        public bool CanSet => _container is not null;

        public void Set(object? value)
        {
            switch (_container)
            {
                case RootSlot root: root.Value = value; break;
                case StateDict map: map[(string)_key!] = (StateNode)value!; break;
                case IDictionary dictionary: dictionary[_key!] = value; break;
                case IDictionary<string, object?> generic: generic[(string)_key!] = value; break;
                case IList list: list[_index] = value; break;
                default: throw new InvalidOperationException("A read-only slot was set.");
            }
        }
    }

    /// <summary>The result of a restore: the template, unless its root is replaced.</summary>
    private sealed class RootSlot(object? value)
    {
        public object? Value { get; set; } = value;
    }
}
