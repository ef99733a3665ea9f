using System.Reflection;
using Checkpoint.GeneratorBenchmark;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Usage: CpuTimes <benchmark project dir> <checkout> [rounds]
// Prints the median CPU time (one thread, so the figure does not depend on what else the machine runs) of:
//   - the generator on a fresh compilation of the project (what it binds included, as in a build);
//   - the shared collector alone on a compilation already bound: the specs the generator asks for, and the problems
//     the analyzers report;
//   - the compiler binding and emitting the project without and with the generated code.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: CpuTimes <benchmark project dir> <checkout> [rounds]");
    return 2;
}

var project = args[0];
var checkout = args[1];
var rounds = args.Length > 2 ? int.Parse(args[2]) : 5;
var parse = new CSharpParseOptions(LanguageVersion.Latest);
var trees = Directory.GetFiles(project, "*.cs", SearchOption.AllDirectories)
    .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
    .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), parse, file))
    .Append(CSharpSyntaxTree.ParseText("global using System; global using System.Collections.Generic; global using System.Linq;", parse, "GlobalUsings.cs"))
    .ToArray();
MetadataReference[] references =
[
    .. Basic.Reference.Assemblies.Net80.References.All,
    MetadataReference.CreateFromFile(Path.Combine(checkout, "src/Runtime/bin/Release/net8.0/Checkpoint.dll")),
    .. typeof(ThreadCpu).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RuntimeDependencies").Value!.Split(';')
        .Select(path => MetadataReference.CreateFromFile(path)),
];
// One thread: the thread's CPU time is then the whole cost.
var options = new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false);
CSharpCompilation Fresh(IEnumerable<SyntaxTree> sources) => CSharpCompilation.Create("GeneratorBench", sources, references, options);

var generators = Assembly.LoadFrom(Path.Combine(checkout, "src/Generators/bin/Release/netstandard2.0/Checkpoint.Generators.dll"));
var generator = (IIncrementalGenerator)Activator.CreateInstance(generators.GetTypes().Single(t => typeof(IIncrementalGenerator).IsAssignableFrom(t)))!;
GeneratorDriver Driver() => CSharpGeneratorDriver.Create([generator.AsSourceGenerator()], parseOptions: parse);

Driver().RunGeneratorsAndUpdateCompilation(Fresh(trees), out var output, out _);
var generated = output.SyntaxTrees.Skip(trees.Length).ToArray();
Console.WriteLine($"{trees.Length} source files, {generated.Length} generated files; median of {rounds} rounds, CPU milliseconds of one thread");
Console.WriteLine($"generator, fresh compilation:        {ThreadCpu.Median(rounds, () => Driver().RunGenerators(Fresh(trees))):F0}");

// The collector is internal to the compiler tools; this checkout's is reached by name (older checkouts have none).
var analyzers = Assembly.LoadFrom(Path.Combine(checkout, "src/Analyzers/bin/Release/netstandard2.0/Checkpoint.Analyzers.dll"));
if (analyzers.GetType("Checkpoint.SourceRules.ModelCollector") is { } collectorType)
{
    var contextType = analyzers.GetType("Checkpoint.SourceRules.CollectorContext")!;
    var bound = Fresh(trees);
    bound.GetDiagnostics();
    var types = new List<INamedTypeSymbol>();
    void Walk(INamespaceSymbol ns)
    {
        types.AddRange(ns.GetTypeMembers());
        foreach (var inner in ns.GetNamespaceMembers()) Walk(inner);
    }

    Walk(bound.Assembly.GlobalNamespace);
    double CollectAll(string method) => ThreadCpu.Median(rounds, () =>
    {
        var collector = Activator.CreateInstance(collectorType, contextType.GetMethod("Create")!.Invoke(null, [bound]));
        var collect = collectorType.GetMethod(method)!;
        foreach (var type in types) collect.Invoke(collector, [type, CancellationToken.None]);
    });
    Console.WriteLine($"collector, specs, bound compilation:  {CollectAll("CollectSpec"):F0}   ({types.Count} types)");
    Console.WriteLine($"collector, problems, bound:           {CollectAll("CollectProblems"):F0}");
}

double Compile(IEnumerable<SyntaxTree> sources) => ThreadCpu.Median(Math.Max(1, rounds / 2), () =>
{
    var compilation = Fresh(sources);
    compilation.GetDiagnostics();
    using var image = new MemoryStream();
    if (!compilation.Emit(image).Success) throw new InvalidOperationException("the benchmark project does not compile");
});
Console.WriteLine($"compile (bind + emit) without generated code: {Compile(trees):F0}");
Console.WriteLine($"compile (bind + emit) with generated code:    {Compile([.. trees, .. generated]):F0}");
return 0;
