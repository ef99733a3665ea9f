using Checkpoint.Samples;
using Checkpoint.Generated;

namespace Checkpoint.Runtime.Tests.Lifecycle;

public class ConfigTests
{
    [Fact]
    public void GetConfig_and_FromConfig_rebuild_the_same_model()
    {
        var net = new Mlp(3, 5, 2, seed: 11);
        var config = net.GetConfig();
        Assert.Equal(new MlpConfig { NInput = 3, NHidden = 5, NOutput = 2, Seed = 11 }, config);
        var rebuilt = Mlp.FromConfig(config);
        ModelAssert.BitIdentical(net, rebuilt);
    }

    [Fact]
    public void Config_converts_to_a_plain_map_with_saved_keys_and_back()
    {
        var config = new MlpConfig { NInput = 784, NHidden = 128, NOutput = 10, Seed = 3 };
        var map = config.ToStateDict();
        Assert.Equal(["n_input", "n_hidden", "n_output", "seed"], map.Keys);
        Assert.All(map, pair => Assert.IsType<IntegerNode>(pair.Value));
        Assert.Equal(784, (int)((IntegerNode)map["n_input"]).Value);
        Assert.Equal(config, MlpConfig.FromStateDict(map));
    }

    [Fact]
    public void Integer_numpy_scalars_read_exactly_and_floating_ones_are_not_integers()
    {
        const long beyondDouble = (1L << 60) + 1; // not representable as a double
        var map = new StateDict { ["big"] = NumpyScalarNode.From(beyondDouble), ["small"] = NumpyScalarNode.From((short)7), ["real"] = NumpyScalarNode.From(2.5f) };
        var reader = new ConfigReader(map, "Test", Mismatch.Warn);
        long big = 0, real = 0;
        int small = 0;

        reader.Read("big", ref big);
        reader.Read("small", ref small);
        reader.Read("real", ref real);

        Assert.Equal((beyondDouble, 7, 0L), (big, small, real));
        Assert.Throws<CheckpointException>(() =>
        {
            var strict = new ConfigReader(map, "Test", Mismatch.Error);
            long value = 0;
            strict.Read("real", ref value);
            strict.Read("big", ref value);
            strict.Read("small", ref value);
            strict.Finish();
        });
    }

    [Fact]
    public void A_Python_written_config_with_floats_for_float_members_reads()
    {
        // Python writes learning rates as float64 and sizes as int; ints are also accepted for float members.
        var map = new StateDict { ["learning_rate"] = 0.5, ["beta1"] = 1, ["beta2"] = 0.25, ["epsilon"] = 0.0 };
        var config = AdamConfig.FromStateDict(map);
        Assert.Equal(0.5f, config.LearningRate);
        Assert.Equal(1f, config.Beta1);
    }

    [Fact]
    public void Missing_and_unknown_keys_throw_by_default_and_keep_defaults_when_warned()
    {
        var map = new StateDict { ["n_input"] = 4, ["n_hidden"] = 8, ["extra"] = "x" };
        var error = Assert.Throws<CheckpointException>(() => MlpConfig.FromStateDict(map));
        Assert.Contains("missing key 'n_output'", error.Message);
        Assert.Contains("unknown key 'extra'", error.Message);
        var lenient = MlpConfig.FromStateDict(map, Mismatch.Warn);
        Assert.Equal(4, lenient.NInput);
        Assert.Equal(0, lenient.NOutput);
    }

    [Fact]
    public void Wrong_types_are_reported_with_the_key()
    {
        var map = new StateDict { ["n_input"] = "four", ["n_hidden"] = 8, ["n_output"] = 2, ["seed"] = 1 };
        var error = Assert.Throws<CheckpointException>(() => MlpConfig.FromStateDict(map));
        Assert.Contains("'n_input'", error.Message);
        Assert.Contains("MlpConfig", error.Message);
    }

    [Fact]
    public void Generic_code_builds_any_model_from_its_config()
    {
        static TModel Build<TModel, TConfig>(TConfig config)
            where TModel : IConfigurable<TModel, TConfig>
            where TConfig : IModelConfig<TConfig> => TModel.FromConfig(config);

        var net = Build<Mlp, MlpConfig>(new MlpConfig { NInput = 2, NHidden = 3, NOutput = 1 });
        Assert.Equal([2, 3], net.Encoder.Weight.Shape);
    }
}
