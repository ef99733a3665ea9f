using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Pattern 2: Model Zoo" — named models with metadata in a directory.</summary>
internal static class Zoo
{
    public static void Run(string dir)
    {
        var zoo = new ModelZoo(Path.Combine(dir, "model_zoo"));
        zoo.Save("mnist_classifier", new Mlp(4, 16, 2, seed: 1), new StateDict { ["accuracy"] = 0.98 });
        zoo.Save("fashion_classifier", new Mlp(4, 8, 3, seed: 2), new StateDict { ["accuracy"] = 0.92 });

        var models = zoo.List();
        Console.WriteLine($"   available models: {string.Join(", ", models.Select(m => $"{m.Name} ({m.Metadata["accuracy"]})"))}");
        var (net, metadata) = zoo.Load<Mlp>("mnist_classifier");
        Console.WriteLine($"   loaded model with accuracy: {metadata["accuracy"]}");
        Check.That(models.Count == 2 && net.NHidden == 16, "both models listed, the right one loaded");

        var rejected = false;
        try { zoo.Save("../outside", net); } catch (ArgumentException) { rejected = true; }
        Check.That(rejected, "names cannot leave the zoo directory");
    }
}
