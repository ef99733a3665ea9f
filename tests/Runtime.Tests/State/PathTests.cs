using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>Paths, order and kinds of generated state, against lists written by hand from the model declarations.</summary>
public class PathTests
{
    private static string[] Paths(IStateful model, StateKinds kinds = StateKinds.All) => model.States(kinds).Select(e => e.Path).ToArray();

    [Fact]
    public void Simple_net_paths_follow_declaration_order_with_children_in_place()
    {
        var net = new SimpleNet();
        Assert.Equal(
            ["Lif.V", "Lif.Tau", "Lif.SpikeCount", "Layers.0.Weight", "Layers.0.Bias", "Layers.1.Weight", "Layers.1.Bias", "w_out"],
            Paths(net));
    }

    [Fact]
    public void Kind_filter_selects_entries()
    {
        var net = new SimpleNet();
        Assert.Equal(["Lif.V"], Paths(net, StateKinds.ShortTerm));
        Assert.Equal(["Lif.SpikeCount"], Paths(net, StateKinds.LongTerm));
        Assert.Equal(["Lif.Tau", "Lif.SpikeCount", "Layers.0.Weight", "Layers.0.Bias", "Layers.1.Weight", "Layers.1.Bias", "w_out"],
            Paths(net, StateKinds.Persistent));
    }

    [Fact]
    public void Entries_report_kind_dtype_and_shape()
    {
        var entries = new SimpleNet().States().ToDictionary(e => e.Path);
        Assert.Equal(StateKinds.ShortTerm, entries["Lif.V"].Kind);
        Assert.Equal(DType.Float32, entries["Lif.V"].DType);
        Assert.Equal([100], entries["Lif.V"].Shape);
        Assert.Equal(StateKinds.LongTerm, entries["Lif.SpikeCount"].Kind);
        Assert.Equal(DType.Int64, entries["Lif.SpikeCount"].DType);
        Assert.Empty(entries["Lif.SpikeCount"].Shape);
        Assert.Equal([100, 64], entries["Layers.0.Weight"].Shape);
        Assert.Equal([10, 10], entries["w_out"].Shape);
    }

    [Fact]
    public void State_dict_nests_by_path_and_leaves_out_short_term()
    {
        var dict = new SimpleNet().ToStateDict();
        Assert.Equal(["Lif", "Layers", "w_out"], dict.Keys);
        Assert.Equal(["Tau", "SpikeCount"], ((StateDict)dict["Lif"]).Keys);
        Assert.Equal(["0", "1"], ((StateDict)dict["Layers"]).Keys);
        Assert.False(dict.TryGetPath("Lif.V", out _));
    }

    [Fact]
    public void Inherited_members_come_first()
    {
        Assert.Equal(["V", "Threshold", "Leak", "Adaptation", "Steps"], Paths(new AdaptiveNeuron()));
        Assert.Equal(["V", "Threshold", "Leak"], Paths(new LeakyNeuron()));
    }

    [Fact]
    public void Collections_and_dictionaries_of_children()
    {
        Assert.Equal(
            ["Heads.left.Weight", "Heads.left.Bias", "Heads.right.Weight", "Heads.right.Bias",
             "Populations.0.V", "Populations.0.Tau", "Populations.0.SpikeCount",
             "Populations.1.V", "Populations.1.Tau", "Populations.1.SpikeCount",
             "Frozen.0.Weight", "Frozen.0.Bias"],
            Paths(new Ensemble()));
    }

    [Fact]
    public void Generic_and_nested_models()
    {
        Assert.Equal(
            ["Floats.Weight", "Floats.Bias", "Ints.Weight", "Ints.Bias", "Cell.Gain", "Cell.Inner.Weight", "Cell.Inner.Bias"],
            Paths(new Mixed()));
        var entries = new Mixed().States().ToDictionary(e => e.Path);
        Assert.Equal(DType.Int32, entries["Ints.Weight"].DType);
        Assert.Equal(DType.Float64, entries["Cell.Inner.Bias"].DType);
    }

    [Fact]
    public void Naming_policies_name_overrides_and_children()
    {
        Assert.Equal(
            ["running_mean", "v_rest", "http_server", "layer2_weight", "gamma", "bias", "sub_layer.V", "sub_layer.Tau", "sub_layer.SpikeCount"],
            Paths(new BatchNorm()));
        Assert.Equal(["runningMean", "outputLayer.Weight", "outputLayer.Bias"], Paths(new CamelNet()));
    }

    [Fact]
    public void All_leaf_kinds_are_collected()
    {
        Assert.Equal(
            ["Flag", "I8", "I16", "I32", "I64", "U8", "U16", "U32", "U64", "F16", "Bf16", "F32", "F64", "C64", "C128",
             "Vector", "Matrix", "Label", "Note", "Phase", "Scratch"],
            Paths(new Everything()));
        var entries = new Everything().States().ToDictionary(e => e.Path);
        Assert.Equal([2, 3], entries["Matrix"].Shape);
        Assert.Equal(DType.Float64, entries["Matrix"].DType);
        Assert.Equal(DType.BFloat16, entries["Bf16"].DType);
        Assert.Null(entries["Label"].DType);
    }
}
