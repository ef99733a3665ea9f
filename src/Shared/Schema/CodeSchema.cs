using System.Collections.Generic;
using Checkpoint.Generators.Model;

namespace Checkpoint.Schema;

/// <summary>A model the code's schema lists: its name in the schema and its spec's full name.</summary>
/// <param name="Name">The model column (<see cref="SchemaModelNames"/>).</param>
/// <param name="FullName">The spec's full name, which finds the class again.</param>
internal sealed record SchemaModel(string Name, string FullName);

/// <summary>
/// What the code saves, as schema lines (docs/schema.md), computed from the collector's model specs alone: the
/// entries of every root model (and of every other model <c>named</c> asks for), with the former paths a load still
/// reads and the member that saves each, and the places below which the code cannot see what is saved.
/// </summary>
/// <param name="Entries">One per saved path.</param>
/// <param name="Open">Places whose saved paths the code cannot list (a child from another assembly, a child with subclasses).</param>
/// <param name="Models">The models listed.</param>
internal sealed record CodeSchema(IReadOnlyList<SchemaEntry> Entries, IReadOnlyList<SchemaPlace> Open, IReadOnlyList<SchemaModel> Models)
{
    // A model nested in itself through children is a cycle (CKPT0009); the walk stops there, and at this depth.
    private const int MaxDepth = 64;

    /// <summary>
    /// The schema of <paramref name="specs"/>: every root model (a concrete model no other model holds as a child),
    /// plus the models <paramref name="named"/> names (a schema's model column), roots or not.
    /// </summary>
    public static CodeSchema From(IReadOnlyList<ModelSpec> specs, ICollection<string>? named = null)
    {
        var index = new SpecIndex(specs);
        var entries = new List<SchemaEntry>();
        var open = new List<SchemaPlace>();
        var models = new List<SchemaModel>();
        foreach (var spec in specs)
        {
            var name = index.NameOf(spec);
            var isRoot = !spec.IsAbstract && !index.IsHeld(spec);
            if (!isRoot && named?.Contains(name) != true) continue;
            models.Add(new SchemaModel(name, spec.FullName));
            new Walk(index, name, entries, open).Model(spec, [], Substitution.None, depth: 0);
        }

        return new CodeSchema(entries, open, models);
    }

    // Walks one root model's members, its base classes' and its children's, writing an entry per saved path.
    private sealed class Walk(SpecIndex index, string model, List<SchemaEntry> entries, List<SchemaPlace> open)
    {
        private readonly HashSet<string> _visiting = new(System.StringComparer.Ordinal);

        public void Model(ModelSpec spec, List<string> prefix, Substitution types, int depth)
        {
            if (depth > MaxDepth || !_visiting.Add(spec.FullName)) return;
            if (spec.BaseModel.Length > 0)
            {
                if (index.Find(spec.BaseModel, types) is { } baseModel) Model(baseModel.Spec, prefix, baseModel.Types, depth + 1);
                else Open(prefix);
            }

            foreach (var member in spec.Members)
            {
                switch (member.Role)
                {
                    case MemberRole.Param:
                    case MemberRole.LongTerm:
                        entries.Add(Entry(spec, member, prefix, types));
                        break;
                    case MemberRole.Child:
                        Child(member, With(prefix, SchemaPaths.Escape(member.Key)), types, depth);
                        break;
                    case MemberRole.ChildList:
                    case MemberRole.ChildDictionary:
                        Child(member, With(With(prefix, SchemaPaths.Escape(member.Key)), SchemaPaths.Wildcard), types, depth);
                        break;
                }
            }

            _visiting.Remove(spec.FullName);
        }

        private void Child(MemberSpec member, List<string> prefix, Substitution types, int depth)
        {
            var child = index.Find(types.Apply(member.ElementTypeName), types);
            // A class with subclasses may hold any of them; the walk still checks the paths the declared class saves.
            if (child is null || child.Spec.IsAbstract || index.IsSubclassed(child.Spec)) Open(prefix);
            if (child is not null) Model(child.Spec, prefix, child.Types, depth + 1);
        }

        private SchemaEntry Entry(ModelSpec spec, MemberSpec member, List<string> prefix, Substitution types)
        {
            var path = SchemaPaths.Join(With(prefix, SchemaPaths.Escape(member.Key)));
            var former = new List<string>(member.FormerKeys.Count);
            foreach (var key in member.FormerKeys) former.Add(SchemaPaths.Join(With(prefix, SchemaPaths.Escape(key))));
            var (dtype, rank, kind) = Describe(member, types);
            return new SchemaEntry(new SchemaLine(model, path, dtype, rank, kind), former, new SchemaOrigin(spec.FullName, member.Name));
        }

        private void Open(List<string> prefix) => open.Add(new SchemaPlace(model, SchemaPaths.Join(prefix)));

        private static List<string> With(List<string> prefix, string segment) => new(prefix) { segment };
    }

    // The line of a member as a checkpoint file shows it (docs/schema.md, "dtype").
    private static (string DType, int Rank, string Kind) Describe(MemberSpec member, Substitution types)
    {
        var element = types.Apply(member.ElementTypeName);
        var numpy = SchemaDTypes.FromTypeName(element) ?? SchemaDTypes.Any;
        return member.ValueKind switch
        {
            ValueKind.Tensor or ValueKind.NumericsTensor => (numpy, SchemaLine.AnyRank, SchemaKinds.Array),
            // Another library's tensor says its dtype only at run time.
            ValueKind.ForeignTensor => (SchemaDTypes.Any, SchemaLine.AnyRank, SchemaKinds.Array),
            ValueKind.Array => (numpy, member.Rank, SchemaKinds.Array),
            // Integer scalars are saved as Python ints, which have no width.
            ValueKind.Scalar => (SchemaDTypes.IsInteger(numpy) ? SchemaDTypes.Int : numpy, 0, SchemaKinds.Scalar),
            ValueKind.Enum => (SchemaDTypes.Int, 0, SchemaKinds.Scalar),
            ValueKind.String => (SchemaDTypes.Str, 0, SchemaKinds.String),
            ValueKind.Quantity => (SchemaDTypes.Any, SchemaLine.AnyRank, SchemaKinds.Quantity),
            _ => (SchemaDTypes.Any, SchemaLine.AnyRank, SchemaKinds.Any),
        };
    }

    // The specs by generic definition (Layer`1 for Layer<T> and Layer<float>), the children every model holds and the
    // bases every model derives from, and the schema name of each.
    private sealed class SpecIndex
    {
        private readonly Dictionary<string, ModelSpec> _byKey = new(System.StringComparer.Ordinal);
        private readonly HashSet<string> _held = new(System.StringComparer.Ordinal);
        private readonly HashSet<string> _bases = new(System.StringComparer.Ordinal);
        private readonly Dictionary<string, string> _names = new(System.StringComparer.Ordinal);

        public SpecIndex(IReadOnlyList<ModelSpec> specs)
        {
            var shortNames = new Dictionary<string, int>(System.StringComparer.Ordinal);
            foreach (var spec in specs)
            {
                var key = GenericTypeNames.Definition(spec.FullName);
                if (!_byKey.ContainsKey(key)) _byKey.Add(key, spec);
                if (spec.BaseModel.Length > 0) _bases.Add(GenericTypeNames.Definition(spec.BaseModel));
                foreach (var member in spec.Members)
                {
                    if (member.IsChild) _held.Add(GenericTypeNames.Definition(member.ElementTypeName));
                }

                var name = SchemaModelNames.Short(spec);
                shortNames[name] = shortNames.TryGetValue(name, out var count) ? count + 1 : 1;
            }

            // Two models of one short name are told apart by their namespaces.
            foreach (var spec in specs)
            {
                var name = SchemaModelNames.Short(spec);
                _names[spec.FullName] = shortNames[name] > 1 && spec.Namespace.Length > 0 ? spec.Namespace + "." + name : name;
            }
        }

        public string NameOf(ModelSpec spec) => _names[spec.FullName];

        public bool IsHeld(ModelSpec spec) => _held.Contains(GenericTypeNames.Definition(spec.FullName));

        public bool IsSubclassed(ModelSpec spec) => _bases.Contains(GenericTypeNames.Definition(spec.FullName));

        /// <summary>The spec of <paramref name="typeName"/> (a constructed type: <c>Layer&lt;float&gt;</c>) with its type arguments, or null.</summary>
        public Resolved? Find(string typeName, Substitution outer)
        {
            if (!_byKey.TryGetValue(GenericTypeNames.Definition(typeName), out var spec)) return null;
            var arguments = GenericTypeNames.Arguments(typeName);
            var parameters = SchemaModelNames.TypeParameters(spec);
            var map = new Dictionary<string, string>(System.StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count && i < arguments.Count; i++) map[parameters[i]] = outer.Apply(arguments[i]);
            return new Resolved(spec, new Substitution(map));
        }
    }

    private sealed record Resolved(ModelSpec Spec, Substitution Types);
}

/// <summary>The type arguments a generic model was reached with: <c>T</c> is <c>float</c> in a parent's <c>Layer&lt;float&gt;</c>.</summary>
internal sealed class Substitution(Dictionary<string, string> map)
{
    public static readonly Substitution None = new(new Dictionary<string, string>());

    /// <summary>The type a type parameter stands for; any other name unchanged.</summary>
    public string Apply(string typeName) => map.TryGetValue(typeName, out var argument) ? argument : typeName;
}
