using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Resuming Training" — model, optimizer, random generator and epoch come back exactly.</summary>
internal static class ResumeTraining
{
    public static void Run(string dir)
    {
        const int epochs = 6;
        var straight = TrainingRun.Start();
        for (var i = 0; i < epochs; i++) straight.TrainEpoch();

        var first = TrainingRun.Start();
        for (var i = 0; i < epochs / 2; i++) first.TrainEpoch();
        var path = first.Save(Path.Combine(dir, "checkpoint.msgpack"));
        Console.WriteLine($"   stopped after epoch {first.Epoch + 1}, saved {Path.GetFileName(path)}");

        // A new run object, as a new process would build it: model from config, then every saved state.
        var resumed = TrainingRun.Resume(path);
        Console.WriteLine($"   resumed at epoch {resumed.Epoch + 2}");
        while (resumed.Epoch < epochs - 1) resumed.TrainEpoch();

        Check.That(Check.SameParams(straight.Model, resumed.Model), "resumed weights are bit-identical to an uninterrupted run");
        Console.WriteLine("   final weights are bit-identical to training straight through");
    }
}
