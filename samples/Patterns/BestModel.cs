using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Best Model Checkpoint" — save only when the validation loss improves.</summary>
internal static class BestModel
{
    public static void Run(string dir)
    {
        var bestPath = Path.Combine(dir, "best_model.msgpack");
        var best = float.PositiveInfinity;
        var run = TrainingRun.Start();
        for (var epoch = 0; epoch < 8; epoch++)
        {
            var train = run.TrainEpoch();
            var val = run.ValidationLoss();
            if (val < best)
            {
                best = val;
                run.Save(bestPath, new StateDict { ["val_loss"] = (double)val });
                Console.WriteLine($"   new best model! val loss {val:F4}");
            }

            Console.WriteLine($"   epoch {epoch + 1}: train={train:F4}, val={val:F4}");
        }

        var (net, info) = TrainingCheckpoint.LoadModel<Mlp>(bestPath);
        Check.That(Training.Loss(net, run.Validation) == best, "the saved model has the best validation loss");
        Check.That(((FloatNode)info.Metadata["val_loss"]).Value == best, "the metadata records it");
    }
}
