using System.Text;
using Checkpoint.Generators.Model;

namespace Checkpoint.Generators.Emitting;

/// <summary>The statements generated for one member: its collector call and its reset.</summary>
internal static class MemberEmitter
{
    /// <summary>
    /// The visitor call of a member: a state member is passed by reference with the codec of its type (a field
    /// directly, a property through a local, so that it is set only when a load gives it a new value); a child
    /// or collection of children is visited under its key. Config members are not state.
    /// </summary>
    public static void Visit(SourceWriter writer, MemberSpec member)
    {
        var key = Literals.String(member.Key);
        var self = "this." + member.Name;
        switch (member.Role)
        {
            case MemberRole.Param:
            case MemberRole.LongTerm:
            case MemberRole.ShortTerm:
                var former = member.FormerKeys.Count > 0 ? ", " + FormerKeysField(member) : "";
                // A non-nullable reference member takes the codec's nullable value back: nil loads as null only into a
                // member that held null (or, for strings, as the user's choice), so the suppression is safe.
                var suppress = member.ValueKind is ValueKind.Scalar or ValueKind.Enum ? "" : "!";
                // The type argument is explicit: inferred from the local's flow state, a member that is not null
                // would make it the non-nullable type the codec does not take.
                var type = ValueType(member);
                if (member.ByRef)
                {
                    // A field goes by reference: the visitor assigns it only when a load gives it a new value, as
                    // the property form below does. The suppression is the one the assignment below makes.
                    writer.Line($"visitor.Value<{type}>({key}, {Names.StateKinds}.{member.Role}, ref {self}{suppress}, {Codec(member)}{former});");
                    return;
                }

                writer.Open();
                writer.Line($"{type} value = {self};");
                writer.Line($"if (visitor.Value<{type}>({key}, {Names.StateKinds}.{member.Role}, ref value, {Codec(member)}{former})) {self} = value{suppress};");
                writer.Close();
                return;
            case MemberRole.Child:
                writer.Line($"visitor.Child({key}, {self});");
                return;
            case MemberRole.ChildList:
                writer.Line($"visitor.ChildList<{member.ElementTypeName}>({key}, {self});");
                return;
            case MemberRole.ChildDictionary:
                // KeyValuePair is invariant, so Dictionary<string, T> differs from the parameter's <string, T?>
                // only in nullability; the suppression keeps that from warning in the user's build.
                writer.Line($"visitor.ChildDictionary<{member.ElementTypeName}>({key}, {self}!);");
                return;
        }
    }

    /// <summary>
    /// The static fields the visit uses, made once per model type: former keys, and the codecs of array members
    /// (which carry the factory for the array's rank) and of foreign tensors a load can create.
    /// </summary>
    public static void StaticFields(SourceWriter writer, ModelSpec model)
    {
        foreach (var member in model.Members)
        {
            if (!member.IsState) continue;
            if (member.FormerKeys.Count > 0)
            {
                var keys = new StringBuilder();
                foreach (var former in member.FormerKeys)
                {
                    if (keys.Length > 0) keys.Append(", ");
                    keys.Append(Literals.String(former));
                }

                writer.Line();
                writer.Line($"private static readonly string[] {FormerKeysField(member)} = new string[] {{ {keys} }};");
            }

            if (member.ValueKind == ValueKind.Array)
            {
                writer.Line();
                writer.Line($"private static readonly {ArrayCodecType(member)} {CodecField(member)} = new(static s => {NewArray(member)});");
            }

            if (member.ValueKind == ValueKind.ForeignTensor && member.CanCreate)
            {
                writer.Line();
                writer.Line($"private static readonly {Names.ForeignTensorCodec}<{member.TypeName}> {CodecField(member)} = {Names.ForeignTensorCodec}.Creating<{member.TypeName}>();");
            }
        }
    }

    // The type the codec works with: the member's type, nullable for reference types (a null member saves as None).
    private static string ValueType(MemberSpec member) => member.ValueKind switch
    {
        ValueKind.Tensor => $"{Names.NdArray}<{member.ElementTypeName}>?",
        ValueKind.NumericsTensor => $"{Names.NumericsTensor}<{member.ElementTypeName}>?",
        ValueKind.ForeignTensor or ValueKind.Array => member.TypeName + "?",
        ValueKind.String => "string?",
        ValueKind.Quantity => Names.Quantity + "?",
        _ => member.TypeName,
    };

    private static string Codec(MemberSpec member) => member.ValueKind switch
    {
        ValueKind.Tensor => $"{Names.NdArrayCodec}<{member.ElementTypeName}>.Instance",
        ValueKind.NumericsTensor => $"{Names.NumericsTensorCodec}<{member.ElementTypeName}>.Instance",
        ValueKind.ForeignTensor => member.CanCreate ? CodecField(member) : $"{Names.ForeignTensorCodec}<{member.TypeName}>.Instance",
        ValueKind.Array => CodecField(member),
        ValueKind.Scalar => $"{Names.ScalarCodec}<{member.TypeName}>.Instance",
        ValueKind.String => $"{Names.StringCodec}.Instance",
        ValueKind.Enum => $"{Names.EnumCodec}<{member.TypeName}>.Instance",
        _ => $"{Names.QuantityCodec}.Instance",
    };

    private static string ArrayCodecType(MemberSpec member) => $"{Names.ArrayCodec}<{member.ElementTypeName}, {member.TypeName}>";

    // Names that cannot clash with the user's: generated members of the model start with "__Checkpoint".
    private static string CodecField(MemberSpec member) => "__CheckpointCodec_" + member.Name.TrimStart('@');

    private static string FormerKeysField(MemberSpec member) => "__CheckpointFormerKeys_" + member.Name.TrimStart('@');

    // new float[s[0], s[1]]: the array of the loaded shape, when the member is null or of another rank.
    private static string NewArray(MemberSpec member)
    {
        var dims = new StringBuilder();
        for (var d = 0; d < member.Rank; d++)
        {
            if (d > 0) dims.Append(", ");
            dims.Append("s[").Append(d).Append(']');
        }

        return $"new {member.ElementTypeName}[{dims}]";
    }

    /// <summary>The reset statement of a short-term member.</summary>
    public static void Reset(SourceWriter writer, MemberSpec member)
    {
        var self = "this." + member.Name;
        var reset = member.Reset;
        switch (reset.Mode)
        {
            case ResetMode.Initializer:
                writer.Line($"{self} = this.{reset.Initializer}();");
                return;
            case ResetMode.Fill when member.ValueKind is ValueKind.Tensor or ValueKind.ForeignTensor:
                writer.Line($"{Names.StateReset}.Fill({self}, {Literals.Double(reset.Fill)});");
                return;
            case ResetMode.Fill when member.ValueKind == ValueKind.NumericsTensor:
                // Not an overload of Fill: T[] converts implicitly to Tensor<T>, which would make Fill<T>(array) ambiguous.
                writer.Line($"{Names.StateReset}.FillTensor({self}, {Literals.Double(reset.Fill)});");
                return;
            case ResetMode.Fill when member.ValueKind == ValueKind.Array:
                writer.Line($"{Names.StateReset}.Fill<{member.ElementTypeName}>({self}, {Literals.Double(reset.Fill)});");
                return;
            case ResetMode.Fill:
                FillValue(writer, member, self, reset.Fill);
                return;
            case ResetMode.Default when member.ValueKind is ValueKind.Tensor or ValueKind.NumericsTensor or ValueKind.ForeignTensor or ValueKind.Array:
                writer.Line($"{Names.StateReset}.Clear({self});");
                return;
            case ResetMode.Default:
                // A non-nullable string is reset like the other values; the suppression keeps the user's build quiet.
                var suppress = member.ValueKind == ValueKind.String && !member.IsNullable ? "!" : "";
                writer.Line($"{self} = default{suppress};");
                return;
        }
    }

    private static void FillValue(SourceWriter writer, MemberSpec member, string self, double fill)
    {
        var value = Literals.Double(fill);
        switch (member.Flavor)
        {
            case ScalarFlavor.Bool:
                writer.Line($"{self} = {(fill != 0 ? "true" : "false")};");
                return;
            case ScalarFlavor.BFloat16:
                writer.Line($"{self} = ({Names.BFloat16})(float)({value});");
                return;
            case ScalarFlavor.Complex64:
                writer.Line($"{self} = ({member.TypeName})({Names.Complex})({value});");
                return;
            case ScalarFlavor.TypeParameter:
                // No cast from double to a type parameter: convert through a one-element array at run time.
                writer.Open();
                writer.Line($"var fill = new {member.TypeName}[1];");
                writer.Line($"{Names.StateReset}.Fill<{member.TypeName}>(fill, {value});");
                writer.Line($"{self} = fill[0];");
                writer.Close();
                return;
            default:
                writer.Line($"{self} = ({member.TypeName})({value});");
                return;
        }
    }

    /// <summary>The reset call of a child, or the loop over a collection of children (null-safe).</summary>
    public static void ResetChild(SourceWriter writer, MemberSpec member)
    {
        var self = "this." + member.Name;
        if (member.Role == MemberRole.Child)
        {
            writer.Line($"{self}?.ResetState();");
            return;
        }

        writer.Line($"if ({self} is not null)");
        writer.Open();
        writer.Line(member.Role == MemberRole.ChildList
            ? $"foreach (var child in {self}) child?.ResetState();"
            : $"foreach (var pair in {self}) pair.Value?.ResetState();");
        writer.Close();
    }
}
