using System.Text;
using Checkpoint.Generators.Model;

namespace Checkpoint.Generators.Emitting;

/// <summary>The statements generated for one member: its collector call and its reset.</summary>
internal static class MemberEmitter
{
    /// <summary>The <c>collector.Add</c>/<c>Child</c> call of a member; null for members not collected (config).</summary>
    public static string? Collect(MemberSpec member)
    {
        var key = Literals.String(member.Key);
        var self = "this." + member.Name;
        switch (member.Role)
        {
            case MemberRole.Param:
            case MemberRole.LongTerm:
            case MemberRole.ShortTerm:
                var text = new StringBuilder("collector.Add(")
                    .Append(key).Append(", ").Append(Names.StateKinds).Append('.').Append(member.Role)
                    .Append(", ").Append(Accessor(member));
                foreach (var former in member.FormerKeys) text.Append(", ").Append(Literals.String(former));
                return text.Append(");").ToString();
            case MemberRole.Child:
                return $"collector.Child({key}, {self});";
            case MemberRole.ChildList:
                return $"collector.ChildList<{member.ElementTypeName}>({key}, {self});";
            case MemberRole.ChildDictionary:
                // KeyValuePair is invariant, so Dictionary<string, T> differs from the parameter's <string, T?>
                // only in nullability; the suppression keeps that from warning in the user's build.
                return $"collector.ChildDictionary<{member.ElementTypeName}>({key}, {self}!);";
            default:
                return null;
        }
    }

    private static string Accessor(MemberSpec member)
    {
        var get = $"() => this.{member.Name}";
        var set = $"v => this.{member.Name} = v";
        switch (member.ValueKind)
        {
            case ValueKind.Tensor:
                return $"new {Names.TensorAccessor}<{member.ElementTypeName}>({get}, {set})";
            case ValueKind.Array:
                return $"new {Names.ArrayAccessor}<{member.ElementTypeName}, {member.TypeName}>({get}, {set}, s => {NewArray(member)})";
            case ValueKind.Scalar:
                return $"new {Names.ScalarAccessor}<{member.TypeName}>({get}, {set})";
            case ValueKind.String:
                // The accessor sets null when the source holds nil; a non-nullable member accepts it as the user's choice.
                return $"new {Names.StringAccessor}({get}, {set}{(member.IsNullable ? "" : "!")})";
            case ValueKind.Enum:
                return $"new {Names.EnumAccessor}<{member.TypeName}>({get}, {set}, e => (long)e, l => ({member.TypeName})l)";
            default:
                return $"new {Names.QuantityAccessor}({get}, {set})";
        }
    }

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
            case ResetMode.Fill when member.ValueKind == ValueKind.Tensor:
                writer.Line($"{Names.StateReset}.Fill({self}, {Literals.Double(reset.Fill)});");
                return;
            case ResetMode.Fill when member.ValueKind == ValueKind.Array:
                writer.Line($"{Names.StateReset}.Fill<{member.ElementTypeName}>({self}, {Literals.Double(reset.Fill)});");
                return;
            case ResetMode.Fill:
                FillValue(writer, member, self, reset.Fill);
                return;
            case ResetMode.Default when member.ValueKind is ValueKind.Tensor or ValueKind.Array:
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
