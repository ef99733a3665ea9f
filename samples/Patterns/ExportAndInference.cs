using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Minimal Model File" and "Loading for Inference".</summary>
internal static class ExportAndInference
{
    public static void Run(string dir)
    {
        var run = TrainingRun.Start();
        for (var i = 0; i < 3; i++) run.TrainEpoch();
        var training = new FileInfo(run.Save(Path.Combine(dir, "training.msgpack")));

        var exported = TrainingCheckpoint.ExportForInference(Path.Combine(dir, "deployed_model.msgpack"), run.Model, new StateDict
        {
            ["description"] = "MLP for a synthetic regression task",
            ["accuracy"] = 0.95,
        });
        Console.WriteLine($"   exported model: {exported.Length / 1024.0:F2} KB (training checkpoint: {training.Length / 1024.0:F2} KB)");

        var (net, info) = TrainingCheckpoint.LoadModel<Mlp>(exported.FullName);
        Console.WriteLine($"   loaded model: {info.Metadata["description"]}");
        var output = net.Predict([0.1f, -0.2f, 0.3f, 0.4f]);
        var expected = run.Model.Predict([0.1f, -0.2f, 0.3f, 0.4f]);
        Console.WriteLine($"   inference: [{string.Join(", ", output.Select(v => v.ToString("F4")))}]");
        Check.That(output.SequenceEqual(expected), "the loaded model predicts what the trained one does");
        Check.That(exported.Length < training.Length, "the export is smaller than the training checkpoint");
    }
}
