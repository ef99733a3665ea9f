using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Tests;

public class DescriptorTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in All())
            data.Add(descriptor.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_id_has_its_help_link_docs_page_index_row_and_release_entry(string id)
    {
        var descriptor = All().Single(d => d.Id == id);
        Assert.Equal(Descriptors.HelpLinkBase + id + ".md", descriptor.HelpLinkUri);
        var root = RepositoryRoot();
        Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", id + ".md")), $"docs/diagnostics/{id}.md is missing");
        Assert.Contains($"[{id}]({id}.md) | {descriptor.Title} | {descriptor.DefaultSeverity} |",
            File.ReadAllText(Path.Combine(root, "docs", "diagnostics", "README.md")));
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |",
            File.ReadAllText(Path.Combine(root, "src", "Analyzers", "AnalyzerReleases.Unshipped.md")));
    }

    [Fact]
    public void Help_links_point_into_the_repository_set_in_Directory_Build_props()
    {
        var props = File.ReadAllText(Path.Combine(RepositoryRoot(), "Directory.Build.props"));
        var repository = System.Text.RegularExpressions.Regex.Match(props, "<RepositoryUrl>(?<url>[^<]+)</RepositoryUrl>").Groups["url"].Value;
        Assert.StartsWith("https://", repository);
        Assert.Equal(repository.TrimEnd('/') + "/blob/main/docs/diagnostics/", Descriptors.HelpLinkBase);
        Assert.Equal("https://github.com/checkpoint-dotnet/checkpoint/blob/main/docs/diagnostics/CKPT0001.md", Descriptors.UnsavedParameter.HelpLinkUri);
    }

    [Fact]
    public void Ids_are_unique_and_numbered_without_gaps()
    {
        var numbers = All().Select(d => int.Parse(d.Id["CKPT".Length..])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
    }

    private static List<DiagnosticDescriptor> All() =>
        typeof(Descriptors).GetFields().Select(f => f.GetValue(null)).OfType<DiagnosticDescriptor>().ToList();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Checkpoint.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Checkpoint.sln not found above " + AppContext.BaseDirectory);
    }
}
