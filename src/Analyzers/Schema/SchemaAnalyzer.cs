using System.Globalization;
using Checkpoint.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Checkpoint.Analyzers.Schema;

/// <summary>
/// CKPT0018-CKPT0021: compares the project's schema file (<c>CheckpointSchema.txt</c>, an additional file) with what
/// the code saves, computed from the collector's model specs (docs/schema.md). One comparison per compilation serves
/// all four rules: each model class reports the findings about it (a gone path on the root model, a changed or
/// unlisted path on the member that saves it), so they are local diagnostics the IDE shows and fixes like any other;
/// unreadable lines are reported at the end, on the file. A project without the file pays nothing.
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
        context.RegisterCompilationStartAction(start =>
        {
            if (SchemaFiles.Find(start.Options.AdditionalFiles, file => file.Path) is not { } file) return;
            if (ModelAnalysis.For(start.Compilation) is not { } analysis) return;
            var run = new Run(_cache, file, analysis);
            // Per syntax tree, as the definition rules (CandidateTypes): the first comparison reads every model, and
            // by then the compiler has bound them itself.
            start.RegisterSemanticModelAction(tree =>
            {
                foreach (var type in CandidateTypes.In(tree.SemanticModel, tree.CancellationToken)) run.ReportType(tree, type);
            });
            start.RegisterCompilationEndAction(end => run.ReportFile(end));
        });
    }

    // One compilation's comparison, made on first use, and the findings of each model class.
    private sealed class Run(SchemaCheckCache cache, AdditionalText file, ModelAnalysis analysis)
    {
        private readonly object _gate = new();
        private readonly string _fileName = System.IO.Path.GetFileName(file.Path);
        private Result? _result;

        public void ReportType(SemanticModelAnalysisContext context, INamedTypeSymbol type)
        {
            if (Get(context.CancellationToken) is not { } result) return;
            if (result.Models.FullNameOf(type) is not { } fullName || !result.ByType.TryGetValue(fullName, out var findings)) return;
            foreach (var finding in findings)
            {
                var diagnostic = Diagnose(result, finding, type);
                if (CandidateTypes.IsIn(diagnostic, context.SemanticModel)) context.ReportDiagnostic(diagnostic);
            }
        }

        public void ReportFile(CompilationAnalysisContext context)
        {
            if (Get(context.CancellationToken) is not { } result) return;
            foreach (var error in result.Check.Document.Errors) context.ReportDiagnostic(Invalid(result, error.LineNumber, error.Reason));
            foreach (var finding in result.Check.Findings)
            {
                if (finding.Kind == SchemaFindingKind.UnknownModel)
                {
                    var reason = finding.Reason + " (no model of the project has this name; lines of it are not checked)";
                    context.ReportDiagnostic(Invalid(result, finding.Saved!.LineNumber, reason));
                }
            }
        }

        private Result? Get(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_result is not null) return _result;
                if (file.GetText(cancellationToken) is not { } text) return null;
                if (analysis.Models(cancellationToken) is not { } models) return null;
                return _result = new Result(text, models, cache.Get(file.Path, models.Specs, text.ToString()));
            }
        }

        private Diagnostic Diagnose(Result result, SchemaFinding finding, INamedTypeSymbol type)
        {
            var (remove, add) = SchemaUpdate.Accept(finding);
            var properties = ImmutableDictionary<string, string?>.Empty;
            if (remove > 0) properties = properties.Add(SchemaProperties.RemoveLine, Number(remove));
            if (add is not null) properties = properties.Add(SchemaProperties.AddLine, add.ToString());
            var lines = finding.Saved is { } saved ? [result.Line(file.Path, saved.LineNumber)] : Array.Empty<Location>();
            var rule = SchemaRules.Of(finding.Kind);
            return finding.Kind switch
            {
                SchemaFindingKind.Gone => Diagnostic.Create(
                    rule, First(type.Locations), lines, properties,
                    finding.Saved!.Line.Path, finding.Saved.Line.Model, _fileName, Number(finding.Saved.LineNumber)),
                SchemaFindingKind.Changed => Diagnostic.Create(
                    rule, MemberLocation(type, finding.Current!), lines, properties,
                    finding.Saved!.Line.Path, finding.Saved.Line.Model, finding.Reason, _fileName, Number(finding.Saved.LineNumber)),
                SchemaFindingKind.Outdated => Diagnostic.Create(
                    rule, MemberLocation(type, finding.Current!), lines, properties,
                    finding.Current!.Line.Path, finding.Current.Line.Model, _fileName, $" (line {Number(finding.Saved!.LineNumber)}: {finding.Reason})"),
                _ => Diagnostic.Create(
                    rule, MemberLocation(type, finding.Current!), lines, properties,
                    finding.Current!.Line.Path, finding.Current.Line.Model, _fileName, ""),
            };
        }

        private Diagnostic Invalid(Result result, int lineNumber, string reason) =>
            Diagnostic.Create(Descriptors.SchemaLineInvalid, result.Line(file.Path, lineNumber), _fileName, Number(lineNumber), reason);

        private static Location MemberLocation(INamedTypeSymbol type, SchemaEntry entry)
        {
            foreach (var member in type.GetMembers(entry.Origin!.MemberName.TrimStart('@')))
            {
                if (member is IFieldSymbol or IPropertySymbol) return First(member.Locations);
            }

            return First(type.Locations);
        }

        private static Location First(ImmutableArray<Location> locations) => locations.FirstOrDefault(l => l.IsInSource) ?? Location.None;

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    // The comparison with the findings grouped by the class they are reported on: the root model's class for a gone
    // path, the class declaring the member for the others.
    private sealed class Result
    {
        public Result(SourceText text, CompilationModels models, SchemaCheck check)
        {
            Text = text;
            Models = models;
            Check = check;
            var fullNames = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var model in check.Code.Models) fullNames[model.Name] = model.FullName;
            foreach (var finding in check.Findings)
            {
                var owner = finding.Kind switch
                {
                    SchemaFindingKind.Gone => fullNames.TryGetValue(finding.Saved!.Line.Model, out var root) ? root : null,
                    SchemaFindingKind.UnknownModel => null,
                    _ => finding.Current?.Origin?.TypeFullName,
                };
                if (owner is null) continue;
                if (!ByType.TryGetValue(owner, out var list)) ByType.Add(owner, list = []);
                list.Add(finding);
            }
        }

        public SourceText Text { get; }

        public CompilationModels Models { get; }

        public SchemaCheck Check { get; }

        public Dictionary<string, List<SchemaFinding>> ByType { get; } = new(StringComparer.Ordinal);

        public Location Line(string path, int lineNumber) => SchemaFiles.LineLocation(path, Text, lineNumber);
    }
}
