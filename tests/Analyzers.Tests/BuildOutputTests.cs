using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Checkpoint.Analyzers.Tests;

/// <summary>
/// Builds BuildSample/ with <c>dotnet build</c>, as a user would, and checks that the analyzers report exactly the
/// diagnostics its <c>// expect: CKPTxxxx</c> comments ask for, on those lines, and nothing else.
/// </summary>
public partial class BuildOutputTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    // One build of the sample serves every test here (each build starts from an empty bin and obj).
    private static readonly Lazy<string> SampleBuild = new(() => Build(FindSample()));

    /// <summary>The samples built with <c>dotnet build</c>: this one, and the project with a checkpoint schema (SchemaBuildTests).</summary>
    internal static readonly string[] Samples = ["BuildSample", "SchemaSample"];

    [GeneratedRegex(@"//\s*expect:\s*(?<ids>CKPT\d{4}(\s*,\s*CKPT\d{4})*)")]
    private static partial Regex ExpectMarker();

    // "/path/Models.cs(12,14): error CKPT0004: message [/path/BuildSample.csproj]"
    [GeneratedRegex(@"^(?<file>[^\s(][^(]*)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<id>CKPT\d{4}):", RegexOptions.Multiline)]
    private static partial Regex BuildDiagnostic();

    [GeneratedRegex(@"^.*: error CS\d{4}:.*$", RegexOptions.Multiline)]
    private static partial Regex CompilerError();

    [Fact]
    public void Build_output_has_exactly_the_marked_diagnostics() => AssertExactlyMarked(FindSample(), SampleBuild.Value);

    /// <summary>The diagnostics of <paramref name="output"/> are exactly those the sample's markers ask for.</summary>
    internal static void AssertExactlyMarked(string sample, string output)
    {
        var expected = ReadMarkers(sample);
        Assert.NotEmpty(expected);

        var actual = BuildDiagnostic().Matches(output)
            .Select(m => $"{Path.GetFileName(m.Groups["file"].Value.Trim())}:{m.Groups["line"].Value} {m.Groups["id"].Value}")
            .ToHashSet();

        var missing = expected.Except(actual).Order().ToList();
        var unexpected = actual.Except(expected).Order().ToList();
        Assert.True(missing.Count == 0 && unexpected.Count == 0,
            $"Missing: [{string.Join(", ", missing)}]\nUnexpected: [{string.Join(", ", unexpected)}]\nBuild output:\n{output}");
    }

    [Fact]
    public void Sample_with_its_generated_code_has_no_compiler_error()
    {
        // The generator runs in the same build: models it cannot fully handle still get code for everything else.
        var output = SampleBuild.Value;
        var errors = CompilerError().Matches(output).Select(m => m.Value).ToList();
        Assert.True(errors.Count == 0, "Compiler errors:\n" + string.Join("\n", errors));
        Assert.Contains("CKPT0006", output);
    }

    [Fact]
    public void Sample_marks_every_diagnostic_id_at_least_once()
    {
        var marked = Samples.SelectMany(name => ReadMarkers(FindSample(name))).Select(m => m.Split(' ')[1]).ToHashSet();
        var ids = typeof(Descriptors).GetFields()
            .Select(f => f.GetValue(null))
            .OfType<Microsoft.CodeAnalysis.DiagnosticDescriptor>()
            .Select(d => d.Id)
            .ToHashSet();
        Assert.Empty(ids.Except(marked));
    }

    private static HashSet<string> ReadMarkers(string sample)
    {
        var expected = new HashSet<string>();
        // Markers sit in the sources and in a schema file (whose marked line is unreadable by design).
        var files = Directory.EnumerateFiles(sample, "*.cs").Concat(Directory.EnumerateFiles(sample, "*.txt"));
        foreach (var file in files.Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var marker = ExpectMarker().Match(lines[i]);
                if (!marker.Success)
                    continue;
                foreach (var id in marker.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                    expected.Add($"{Path.GetFileName(file)}:{i + 1} {id}");
            }
        }
        return expected;
    }

    /// <summary>
    /// Builds the sample from scratch: its own bin and obj are deleted first so the compiler really runs (an
    /// up-to-date incremental build prints no diagnostics). The runtime and analyzers were built with the tests
    /// (same configuration), so they are not built again.
    /// </summary>
    internal static string Build(string sample, params string[] properties)
    {
        foreach (var dir in new[] { "bin", "obj" })
        {
            var path = Path.Combine(sample, dir);
            if (Directory.Exists(path))
                Directory.Delete(path, recursive: true);
        }
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "build", Path.Combine(sample, Path.GetFileName(sample) + ".csproj"), "-c", Configuration, "-nologo", "-v:minimal", "-p:UseSharedCompilation=false", "-p:BuildProjectReferences=false" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = sample,
        };
        foreach (var property in properties)
            start.ArgumentList.Add("-p:" + property);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("dotnet build of the sample did not finish in 3 minutes.\n" + stdout);
        }
        return stdout + stderr.Result;
    }

    internal static string FindSample(string name = "BuildSample")
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Analyzers.Tests", name);
            if (File.Exists(Path.Combine(candidate, name + ".csproj")))
                return candidate;
        }
        throw new InvalidOperationException($"tests/Analyzers.Tests/{name}/{name}.csproj not found above " + AppContext.BaseDirectory);
    }
}
