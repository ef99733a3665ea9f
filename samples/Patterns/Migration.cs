using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Version Compatibility" — old files migrate step by step before loading.</summary>
internal static class Migration
{
    public static void Run(string dir)
    {
        // A version 1.0 file, as an older script wrote it: the readout was "readout", the hidden size "hidden".
        var old = new Mlp(4, 16, 2, seed: 5);
        var oldPath = MsgPackCheckpoint.Save(Path.Combine(dir, "v1.msgpack"), new StateDict
        {
            ["version"] = "1.0",
            ["params"] = new StateDict
            {
                ["encoder"] = old.Encoder.ToStateDict(),
                ["readout"] = old.Head.ToStateDict(),
            },
            ["config"] = new StateDict { ["n_input"] = 4, ["hidden"] = 16, ["n_output"] = 2, ["seed"] = 5 },
        });

        var migrations = new Migrations()
            .AddRenames("1.0", "2.0", ("params.readout", "params.head"), ("config.hidden", "config.n_hidden"));
        var (net, info) = TrainingCheckpoint.LoadModel<Mlp>(oldPath, version: "2.0", migrations: migrations);

        foreach (var note in info.Report.Notes) Console.WriteLine($"   {note}");
        foreach (var rename in info.Report.Renamed) Console.WriteLine($"   renamed {rename.From} -> {rename.To}");
        Check.That(info.Version == "2.0", "the file was migrated to 2.0");
        Check.That(Check.SameParams(old, net), "the migrated parameters load into the new layout");
    }
}
