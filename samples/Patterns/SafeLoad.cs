using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Issue: Model architecture changed" — report missing and unexpected entries, load the rest.</summary>
internal static class SafeLoad
{
    public static void Run(string dir)
    {
        var path = TrainingCheckpoint.ExportForInference(Path.Combine(dir, "old.msgpack"), new Mlp(4, 16, 2)).FullName;
        var tree = MsgPackCheckpoint.LoadStateDict(path);
        ((StateDict)((StateDict)tree["params"])["head"]).Remove("bias");                         // an entry the file lacks
        ((StateDict)tree["params"]).Add("dropout_rate", 0.5);                                       // an entry the model lacks
        MsgPackCheckpoint.Save(path, tree);

        var net = new Mlp(4, 16, 2, seed: 3);
        var report = TrainingCheckpoint.Load(path, net, options: new LoadOptions { Kinds = StateKinds.Param, Mismatch = Mismatch.Warn }).Report;
        foreach (var problem in report.Missing) Console.WriteLine($"   missing: {problem.Path}");
        foreach (var problem in report.Unexpected) Console.WriteLine($"   unexpected: {problem.Path}");
        Console.WriteLine($"   loaded {report.LoadedCount} parameters");
        Check.That(report.Missing.Single().Path == "params.head.bias" && report.Unexpected.Single().Path == "params.dropout_rate", "both differences reported");
        Check.That(report.LoadedCount == 3, "the matching parameters loaded");
    }
}
