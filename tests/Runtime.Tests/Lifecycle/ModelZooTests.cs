using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Lifecycle;

public class ModelZooTests
{
    [Fact]
    public void Save_list_and_load_named_models()
    {
        using var dir = new TempDirectory();
        var zoo = new ModelZoo(dir.File("zoo"));
        var small = new Mlp(4, 8, 2, seed: 1);
        var large = new Mlp(4, 32, 3, seed: 2);
        zoo.Save("mnist_classifier", small, new StateDict { ["accuracy"] = 0.98 });
        zoo.Save("fashion_classifier", large, new StateDict { ["accuracy"] = 0.92 });

        var list = zoo.List();
        Assert.Equal(["fashion_classifier", "mnist_classifier"], list.Select(e => e.Name));
        Assert.Equal(0.92, ((FloatNode)list[0].Metadata["accuracy"]).Value);

        var (net, metadata) = zoo.Load<Mlp>("fashion_classifier");
        Assert.Equal(large.GetConfig(), net.GetConfig());
        ModelAssert.BitIdentical(large, net, StateKinds.Param);
        Assert.Equal(0.92, ((FloatNode)metadata["accuracy"]).Value);
        Assert.True(zoo.Delete("mnist_classifier"));
        Assert.False(zoo.Contains("mnist_classifier"));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("/abs")]
    public void Names_that_could_leave_the_directory_are_rejected(string name)
    {
        using var dir = new TempDirectory();
        var zoo = new ModelZoo(dir.File("zoo"));
        Assert.Throws<ArgumentException>(() => zoo.Save(name, new Mlp(1, 1, 1)));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(dir.Path, "*", SearchOption.AllDirectories), p => !p.StartsWith(zoo.Directory, StringComparison.Ordinal));
    }
}
