using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>ToStateDict into a fresh instance restores every persistent value bit for bit and leaves short-term state alone.</summary>
public class RoundTripTests
{
    [Fact]
    public void Simple_net_round_trip_restores_params_and_long_term()
    {
        var source = ModelValues.Randomised(3);
        var target = new SimpleNet();
        var targetV = target.Lif.V.Clone();

        var report = target.LoadStateDict(StateTree.DeepClone(source.ToStateDict()));

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(13f, target.Lif.Tau);
        Assert.Equal(1003L, target.Lif.SpikeCount);
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(source.Layers[i].Weight, target.Layers[i].Weight);
            Assert.Equal(source.Layers[i].Bias, target.Layers[i].Bias);
        }

        Assert.Equal(source.Readout, target.Readout);
        Assert.Equal(targetV, target.Lif.V); // short-term state is never loaded from a persistent dict
        Assert.Equal(7, report.LoadedCount);
    }

    [Fact]
    public void Loading_copies_into_existing_tensors()
    {
        var target = new SimpleNet();
        var weight = target.Layers[0].Weight;
        target.LoadStateDict(ModelValues.Randomised(1).ToStateDict());
        Assert.Same(weight, target.Layers[0].Weight);
    }

    [Fact]
    public void Every_leaf_kind_round_trips_bit_exactly()
    {
        var source = ModelValues.Everything(5);
        var target = new Everything();
        var scratch = target.Scratch;

        var report = target.LoadStateDict(source.ToStateDict());

        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(source.Flag, target.Flag);
        Assert.Equal(source.I8, target.I8);
        Assert.Equal(source.I16, target.I16);
        Assert.Equal(source.I32, target.I32);
        Assert.Equal(source.I64, target.I64);
        Assert.Equal(source.U8, target.U8);
        Assert.Equal(source.U16, target.U16);
        Assert.Equal(source.U32, target.U32);
        Assert.Equal(source.U64, target.U64);
        Assert.Equal(BitConverter.HalfToInt16Bits(source.F16), BitConverter.HalfToInt16Bits(target.F16));
        Assert.Equal(source.Bf16, target.Bf16);
        Assert.Equal(BitConverter.SingleToInt32Bits(source.F32), BitConverter.SingleToInt32Bits(target.F32));
        Assert.Equal(BitConverter.DoubleToInt64Bits(source.F64), BitConverter.DoubleToInt64Bits(target.F64));
        Assert.Equal(source.C64, target.C64);
        Assert.Equal(source.C128, target.C128);
        Assert.Equal(source.Vector.Select(BitConverter.SingleToInt32Bits), target.Vector.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(source.Matrix, target.Matrix);
        Assert.Equal("label5", target.Label);
        Assert.Equal("note", target.Note);
        Assert.Equal(Phase.Refractory, target.Phase);
        Assert.Same(scratch, target.Scratch);
        Assert.Equal([0, 0], target.Scratch);
    }

    [Fact]
    public void Short_term_state_loads_when_the_dict_holds_it()
    {
        var source = ModelValues.Randomised(2);
        var target = new SimpleNet();
        target.LoadStateDict(source.ToStateDict(StateKinds.All), new LoadOptions { Kinds = StateKinds.All });
        Assert.Equal(source.Lif.V, target.Lif.V);
    }

    [Fact]
    public void Arrays_of_another_rank_are_a_mismatch_and_null_arrays_are_created()
    {
        var target = new Everything { Matrix = null! };
        var source = ModelValues.Everything(1);
        var report = target.LoadStateDict(source.ToStateDict());
        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(source.Matrix, target.Matrix);
    }

    [Fact]
    public void Enum_loads_from_its_name()
    {
        var target = new Everything();
        var dict = new Everything().ToStateDict();
        dict["Phase"] = new StringNode("Active");
        target.LoadStateDict(dict);
        Assert.Equal(Phase.Active, target.Phase);
    }

    [Fact]
    public void Collections_dictionaries_generic_and_nested_models_round_trip()
    {
        var source = new Ensemble();
        ModelValues.Fill(source.Heads["right"].Weight, 4f);
        source.Populations[1].Tau = 42f;
        ModelValues.Fill(source.Frozen[0].Bias, 9f);
        var target = new Ensemble();
        Assert.True(target.LoadStateDict(source.ToStateDict()).IsClean);
        Assert.Equal(source.Heads["right"].Weight, target.Heads["right"].Weight);
        Assert.Equal(42f, target.Populations[1].Tau);
        Assert.Equal(source.Frozen[0].Bias, target.Frozen[0].Bias);

        var mixed = new Mixed();
        mixed.Ints.Bias[1] = -7;
        mixed.Cell.Inner.Weight[1] = 2.5;
        mixed.Cell.Gain = 3;
        var copy = new Mixed();
        Assert.True(copy.LoadStateDict(mixed.ToStateDict()).IsClean);
        Assert.Equal(-7, copy.Ints.Bias[1]);
        Assert.Equal(2.5, copy.Cell.Inner.Weight[1]);
        Assert.Equal(3, copy.Cell.Gain);
    }

    [Fact]
    public void Inherited_members_round_trip()
    {
        var source = new AdaptiveNeuron { Threshold = 2f, Leak = 0.5f, Steps = 9 };
        var target = new AdaptiveNeuron();
        Assert.True(target.LoadStateDict(source.ToStateDict()).IsClean);
        Assert.Equal((2f, 0.5f, 9), (target.Threshold, target.Leak, target.Steps));
    }
}
