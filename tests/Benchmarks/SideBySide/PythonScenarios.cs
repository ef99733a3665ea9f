using System.Diagnostics;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Benchmarks.SideBySide;

/// <summary>
/// The <c>py.*</c> scenarios: Python braintools' algorithm (re-implemented in <c>python/braintools_equivalent.py</c>,
/// see its README) on the same trees, each in a Debian <c>/usr/bin/python3</c> process of its own that prints the
/// same line as a C# child. Before the first one the runner checks that the Python code is the same format as ours:
/// it must write small forms of the wide and big trees byte for byte as <c>MsgPackCheckpoint.Save</c> does, and read every braintools fixture as <c>expected.json</c> describes it.
/// </summary>
internal static class PythonScenarios
{
    public const string Python = "/usr/bin/python3";
    private const string ScriptPath = "tests/Benchmarks/python/braintools_equivalent.py";
    private const int CheckSize = 3;

    /// <summary>The Python scenarios, each next to the C# one it is compared with.</summary>
    public static readonly (string Python, string CSharp)[] Pairs =
    [
        ("py.tree.save", "tree.save"), ("py.tree.save+fsync", "tree.save"), ("py.tree.load", "tree.load"),
        ("py.big.save", "big.save"), ("py.big.save+fsync", "big.save"), ("py.big.load", "big.load"),
    ];

    public static IEnumerable<string> All => Pairs.Select(p => p.Python);

    public static bool IsPython(string scenario) => scenario.StartsWith("py.", StringComparison.Ordinal);

    /// <summary>
    /// Whether the Python scenarios can run here and measure the same format: null when they can (with
    /// <paramref name="note"/> saying what was checked), else why not.
    /// </summary>
    public static string? Unavailable(out string note)
    {
        note = "";
        var script = FindScript();
        if (script is null) return $"{ScriptPath} not found above {AppContext.BaseDirectory}";
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install -y python3 python3-numpy python3-msgpack)";
        var (code, versions) = Execute("-c", "import sys, numpy, msgpack; print(sys.version.split()[0], numpy.__version__, '.'.join(map(str, msgpack.version)))");
        if (code != 0) return $"{Python} cannot import numpy and msgpack (apt-get install -y python3-numpy python3-msgpack)";

        var directory = Directory.CreateTempSubdirectory("checkpoint-py-check-").FullName;
        try
        {
            foreach (var (kind, tree) in new (string, object)[] { ("wide", WideTree.Create(CheckSize, 1f)), ("big", new BigNet(CheckSize, CheckSize)) })
            {
                var ours = Path.Combine(directory, kind + ".csharp.msgpack");
                var theirs = Path.Combine(directory, kind + ".python.msgpack");
                MsgPackCheckpoint.Save(ours, tree);
                if (Execute(script, "write-tree", kind, CheckSize.ToString(System.Globalization.CultureInfo.InvariantCulture), theirs).Code != 0)
                    return $"the Python script failed to write the small {kind} tree";
                if (!File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(theirs)))
                    return $"the Python script does not write the small {kind} tree byte for byte as MsgPackCheckpoint.Save does";
            }

            var (fixtureCode, fixtures) = Execute(script, "check-fixtures");
            if (fixtureCode != 0) return $"the Python script misreads the braintools fixtures: {fixtures}";
            note = $"Python {versions} ({Python}); checked the same format: small wide and big trees ({CheckSize} layers; {CheckSize} tensors of {CheckSize}) written byte-identical to MsgPackCheckpoint.Save, braintools fixtures: {fixtures}";
            return null;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Runs one scenario in a Python process of its own (<c>measure NAME DIR</c>).</summary>
    public static (Measurement, long) RunChild(string name, string directory) =>
        Runner.Launch(name, Start(FindScript()!, "measure", name, directory));

    private static string? FindScript()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, ScriptPath);
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    private static ProcessStartInfo Start(params string[] args)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        return info;
    }

    private static (int Code, string Output) Execute(params string[] args)
    {
        var info = Start(args);
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return (process.ExitCode, process.ExitCode == 0 ? output : (output + " " + error.Result).Trim());
    }
}
