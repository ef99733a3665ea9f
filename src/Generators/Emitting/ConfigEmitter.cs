using Checkpoint.Generators.Model;

namespace Checkpoint.Generators.Emitting;

/// <summary>
/// Writes a model's configuration support: a second partial declaration with <c>GetConfig</c>, <c>FromConfig</c>,
/// <c>GetConfigDict</c> and <c>FromConfigDict</c>, and the <c>{Model}Config</c> record next to the model.
/// </summary>
internal static class ConfigEmitter
{
    private const string StateDict = "global::Checkpoint.StateDict";
    private const string Mismatch = "global::Checkpoint.Mismatch";
    private const string ConfigValues = "global::Checkpoint.Generated.ConfigValues";
    private const string ConfigReader = "global::Checkpoint.Generated.ConfigReader";

    public static void Emit(SourceWriter writer, ModelSpec model, ConfigSpec config)
    {
        var modelName = model.Type.Name;
        var record = config.RecordName;
        var canBuild = config.Construction != ConfigConstruction.None;
        var typed = config.MethodAccessibility == "public";
        var iface = !canBuild ? "global::Checkpoint.IConfigurable"
            : typed ? $"global::Checkpoint.IConfigurable<{modelName}, {record}>"
            : $"global::Checkpoint.IConfigurable<{modelName}>";

        writer.Line();
        writer.Line($"partial {model.Type.Keyword} {modelName} : {iface}");
        writer.Open();
        writer.Line("/// <summary>The current values of the <c>[Config]</c> members.</summary>");
        writer.Line($"{config.MethodAccessibility} {record} GetConfig() => new {record}");
        writer.Open();
        foreach (var member in config.Members) writer.Line($"{member.Name} = this.{member.Name},");
        writer.CloseWith("};");
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line($"public {StateDict} GetConfigDict() => GetConfig().ToStateDict();");
        if (canBuild)
        {
            writer.Line();
            writer.Line("/// <summary>Creates a model from a configuration (the Python guide's <c>from_config</c>).</summary>");
            writer.Line("/// <param name=\"config\">The configuration.</param>");
            writer.Line($"{config.MethodAccessibility} static {modelName} FromConfig({record} config)");
            writer.Open();
            writer.Line("global::System.ArgumentNullException.ThrowIfNull(config);");
            WriteConstruction(writer, modelName, config);
            writer.Close();
            writer.Line();
            writer.Line("/// <inheritdoc />");
            writer.Line($"public static {modelName} FromConfigDict({StateDict} config, {Mismatch} mismatch = {Mismatch}.Error) =>");
            writer.Line($"    FromConfig({record}.FromStateDict(config, mismatch));");
        }

        writer.Close();
        writer.Line();
        WriteRecord(writer, modelName, config);
    }

    private static void WriteConstruction(SourceWriter writer, string modelName, ConfigSpec config)
    {
        var passed = new bool[config.Members.Count];
        var arguments = new System.Collections.Generic.List<string>();
        foreach (var argument in config.ConstructorArguments)
        {
            passed[argument.MemberIndex] = true;
            arguments.Add($"{argument.ParameterName}: config.{config.Members[argument.MemberIndex].Name}");
        }

        var assigned = new System.Collections.Generic.List<string>();
        for (var i = 0; i < config.Members.Count; i++)
        {
            var member = config.Members[i];
            if (!passed[i] && member.IsWritable)
                assigned.Add($"{member.Name} = config.{member.Name},");
        }

        var call = $"return new {modelName}({string.Join(", ", arguments)})";
        if (assigned.Count == 0)
        {
            writer.Line(call + ";");
            return;
        }

        writer.Line(call);
        writer.Open();
        foreach (var line in assigned) writer.Line(line);
        writer.CloseWith("};");
    }

    private static void WriteRecord(SourceWriter writer, string modelName, ConfigSpec config)
    {
        var record = config.RecordName;
        writer.Line($"/// <summary>The configuration of <see cref=\"{modelName}\"/>: its <c>[Config]</c> members, saved as a plain map.</summary>");
        if (config.MessagePackAttributes) writer.Line("[global::MessagePack.MessagePackObject]");
        writer.Line($"{config.Accessibility} sealed partial record {record} : global::Checkpoint.IModelConfig<{record}>");
        writer.Open();
        foreach (var member in config.Members)
        {
            writer.Line($"/// <summary>Saved as <c>{Escape(member.Key)}</c>.</summary>");
            if (config.MessagePackAttributes) writer.Line($"[global::MessagePack.Key({Literals.String(member.Key)})]");
            var initializer = member.DefaultValue.Length > 0 ? $" = {member.DefaultValue};"
                : member.IsString && !member.IsNullable ? " = \"\";"
                : "";
            writer.Line($"public {member.TypeName} {member.Name} {{ get; init; }}{initializer}");
            writer.Line();
        }

        writer.Line("/// <inheritdoc />");
        writer.Line($"public {StateDict} ToStateDict()");
        writer.Open();
        writer.Line($"var map = new {StateDict}();");
        foreach (var member in config.Members)
            writer.Line($"map.Add({Literals.String(member.Key)}, {ConfigValues}.ToNode(this.{member.Name}));");
        writer.Line("return map;");
        writer.Close();
        writer.Line();
        writer.Line("/// <inheritdoc />");
        writer.Line($"public static {record} FromStateDict({StateDict} source, {Mismatch} mismatch = {Mismatch}.Error)");
        writer.Open();
        writer.Line($"var reader = new {ConfigReader}(source, {Literals.String(record)}, mismatch);");
        writer.Line($"var defaults = new {record}();");
        for (var i = 0; i < config.Members.Count; i++)
        {
            var member = config.Members[i];
            var localType = member.IsString ? "string?" : member.TypeName;
            writer.Line($"{localType} value{i} = defaults.{member.Name};");
            writer.Line($"reader.Read({Literals.String(member.Key)}, ref value{i});");
        }

        writer.Line("reader.Finish();");
        writer.Line($"return new {record}");
        writer.Open();
        for (var i = 0; i < config.Members.Count; i++)
        {
            var member = config.Members[i];
            var value = member.IsString && !member.IsNullable ? $"value{i} ?? \"\"" : $"value{i}";
            writer.Line($"{member.Name} = {value},");
        }

        writer.CloseWith("};");
        writer.Close();
        writer.Close();
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
