using System.Globalization;
using Checkpoint.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Checkpoint.Analyzers.Schema;

/// <summary>
/// CKPT0018-CKPT0021: compares the project's schema file (<c>CheckpointSchema.txt</c>, an additional file) with what
/// the code saves, computed from the collector's model specs (docs/schema.md). One comparison gives all four rules,
/// at the end of the compilation (the comparison needs every model). A project without the file pays nothing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SchemaAnalyzer : DiagnosticAnalyzer
{
    private readonly SchemaCheckCache _cache;

    /// <summary>The analyzer, sharing one cache of comparisons with every other instance.</summary>
    public SchemaAnalyzer()
        : this(SchemaCheckCache.Shared)
    {
    }

    internal SchemaAnalyzer(SchemaCheckCache cache) => _cache = cache;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.SchemaPathGone, Descriptors.SchemaPathChanged, Descriptors.SchemaPathUnlisted, Descriptors.SchemaLineInvalid);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(compilation =>
        {
            if (SchemaFiles.Find(compilation.Options.AdditionalFiles, file => file.Path) is not { } file) return;
            if (ModelAnalysis.For(compilation.Compilation) is not { } analysis) return;
            Report(compilation, file, analysis);
        });
    }

    private void Report(CompilationAnalysisContext context, AdditionalText file, ModelAnalysis analysis)
    {
        if (file.GetText(context.CancellationToken) is not { } text) return;
        var models = analysis.Models(context.CancellationToken);
        var check = _cache.Get(file.Path, models.Specs, text.ToString());
        var report = new Reporter(context, file.Path, text, models, check);
        foreach (var error in check.Document.Errors) report.Invalid(error.LineNumber, error.Reason);
        foreach (var finding in check.Findings) report.Finding(finding);
    }

    // Places each finding: gone paths on the model's class, changed and unlisted ones on the member that saves the
    // path now, unreadable lines on the schema file's line.
    private sealed class Reporter(CompilationAnalysisContext context, string path, SourceText text, CompilationModels models, SchemaCheck check)
    {
        private readonly string _fileName = System.IO.Path.GetFileName(path);

        public void Invalid(int lineNumber, string reason) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SchemaLineInvalid, Line(lineNumber), _fileName, Number(lineNumber), reason));

        public void Finding(SchemaFinding finding)
        {
            var (remove, add) = SchemaUpdate.Accept(finding);
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (remove > 0) properties = properties.Add(SchemaProperties.RemoveLine, Number(remove));
            if (add is not null) properties = properties.Add(SchemaProperties.AddLine, add.ToString());
            switch (finding.Kind)
            {
                case SchemaFindingKind.Gone:
                    var saved = finding.Saved!;
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SchemaPathGone, ModelLocation(saved.Line.Model), [Line(saved.LineNumber)], properties,
                        saved.Line.Path, saved.Line.Model, _fileName, Number(saved.LineNumber)));
                    break;
                case SchemaFindingKind.Changed:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SchemaPathChanged, MemberLocation(finding.Current!), [Line(finding.Saved!.LineNumber)], properties,
                        finding.Saved.Line.Path, finding.Saved.Line.Model, finding.Reason, _fileName, Number(finding.Saved.LineNumber)));
                    break;
                case SchemaFindingKind.Outdated:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SchemaPathUnlisted, MemberLocation(finding.Current!), [Line(finding.Saved!.LineNumber)], properties,
                        finding.Current!.Line.Path, finding.Current.Line.Model, _fileName, $" (line {Number(finding.Saved.LineNumber)}: {finding.Reason})"));
                    break;
                case SchemaFindingKind.Unlisted:
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SchemaPathUnlisted, MemberLocation(finding.Current!), [], properties,
                        finding.Current!.Line.Path, finding.Current.Line.Model, _fileName, ""));
                    break;
                case SchemaFindingKind.UnknownModel:
                    Invalid(finding.Saved!.LineNumber, finding.Reason + " (no model of the project has this name; lines of it are not checked)");
                    break;
            }
        }

        private Location Line(int lineNumber) => SchemaFiles.LineLocation(path, text, lineNumber);

        private Location ModelLocation(string model)
        {
            foreach (var listed in check.Code.Models)
            {
                if (listed.Name == model && models.TypeOf(listed.FullName) is { } type) return First(type.Locations);
            }

            return Location.None;
        }

        private Location MemberLocation(SchemaEntry entry)
        {
            if (entry.Origin is not { } origin || models.TypeOf(origin.TypeFullName) is not { } type) return Location.None;
            foreach (var member in type.GetMembers(origin.MemberName.TrimStart('@')))
            {
                if (member is IFieldSymbol or IPropertySymbol) return First(member.Locations);
            }

            return First(type.Locations);
        }

        private static Location First(ImmutableArray<Location> locations) => locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
