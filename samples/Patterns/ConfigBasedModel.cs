using Checkpoint.Samples;

namespace Checkpoint.Patterns;

/// <summary>Guide: "Configuration-Based" — [Config] members give a generated record, GetConfig and FromConfig.</summary>
internal static class ConfigBasedModel
{
    public static void Run(string dir)
    {
        var net = new Mlp(nInput: 4, nHidden: 16, nOutput: 2);
        MlpConfig config = net.GetConfig();
        Console.WriteLine($"   {config}");

        var path = TrainingCheckpoint.ExportForInference(Path.Combine(dir, "model_with_config.msgpack"), net).FullName;
        var saved = (StateDict)MsgPackCheckpoint.LoadStateDict(path)["config"];
        Console.WriteLine($"   saved config keys: {string.Join(", ", saved.Keys)}");

        var rebuilt = Mlp.FromConfig(MlpConfig.FromStateDict(saved));
        Check.That(rebuilt.GetConfig() == config, "the config survives the file");
        Check.That(Check.SameParams(net, rebuilt), "the same config builds the same initial weights");

        var wider = Mlp.FromConfig(config with { NHidden = 32 });
        Check.That(wider.Encoder.Weight.Shape[1] == 32, "records make variants easy");
        Console.WriteLine($"   variant: {wider.GetConfig()}");
    }
}
