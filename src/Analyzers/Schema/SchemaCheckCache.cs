using System.Collections.Concurrent;
using Checkpoint.Generators.Model;
using Checkpoint.Schema;

namespace Checkpoint.Analyzers.Schema;

/// <summary>
/// The last comparison of each schema file, kept while the model specs and the file's text stay equal: an edit that
/// changes no model (a method body, a comment, a class that is not a model) gives equal specs, so the next
/// compilation reuses the comparison instead of computing the code's schema and comparing it again.
/// </summary>
internal sealed class SchemaCheckCache
{
    /// <summary>The cache the analyzer uses: one entry per schema file path.</summary>
    public static readonly SchemaCheckCache Shared = new();

    private readonly ConcurrentDictionary<string, Entry> _byFile = new(StringComparer.Ordinal);
    private int _runs;

    /// <summary>How many comparisons were computed (not served from the cache).</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>The comparison of <paramref name="text"/> with <paramref name="specs"/>, computed when either changed since the last one of <paramref name="file"/>.</summary>
    public SchemaCheck Get(string file, EquatableArray<ModelSpec> specs, string text)
    {
        if (_byFile.TryGetValue(file, out var last) && last.Text == text && last.Specs.Equals(specs)) return last.Check;
        Interlocked.Increment(ref _runs);
        var check = SchemaCheck.Run(specs, text);
        _byFile[file] = new Entry(specs, text, check);
        return check;
    }

    private sealed record Entry(EquatableArray<ModelSpec> Specs, string Text, SchemaCheck Check);
}
