using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>Loads and resets at the edges: other ranks, null members, narrow dtypes.</summary>
public class EdgeCaseTests
{
    [Fact]
    public void Array_of_another_rank_is_a_shape_mismatch()
    {
        var target = new Everything();
        var dict = new Everything().ToStateDict();
        dict["Matrix"] = new TensorNode(new NdArray<double>([1, 2, 3, 4, 5, 6]));
        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(dict));
        Assert.Equal("Matrix", Assert.Single(error.Report.Mismatched).Path);
        var skipped = target.LoadStateDict(dict, new LoadOptions { SkipShapeMismatches = true });
        Assert.Equal(["Matrix"], skipped.Skipped);
    }

    [Fact]
    public void Null_members_save_as_nil_and_load_back()
    {
        var saved = new NullableMembers().ToStateDict();
        Assert.All(saved.Keys, key => Assert.IsType<NullNode>(saved[key]));

        var target = new NullableMembers();
        var report = target.LoadStateDict(saved);

        Assert.True(report.IsClean, report.ToString());
        Assert.Null(target.Lazy);
        Assert.Null(target.Matrix);
    }

    [Fact]
    public void Null_array_member_gets_an_array_of_the_source_shape_and_refuses_another_rank()
    {
        var source = new StateDict
        {
            ["Vector"] = new TensorNode(new NdArray<float>([1f, 2f, 3f])),
            ["Matrix"] = new TensorNode(new NdArray<double>([1, 2, 3, 4, 5, 6], 2, 3)),
            ["Lazy"] = NullNode.Instance,
            ["Threshold"] = NullNode.Instance,
        };
        var target = new NullableMembers();
        Assert.True(target.LoadStateDict(source).IsClean);
        Assert.Equal([1f, 2f, 3f], target.Vector!);
        Assert.Equal(6.0, target.Matrix![1, 2]);

        var wrongRank = new StateDict
        {
            ["Vector"] = new TensorNode(new NdArray<float>([1f, 2f, 3f, 4f], 2, 2)),
            ["Matrix"] = NumpyScalarNode.From(1.0),
            ["Lazy"] = NullNode.Instance,
            ["Threshold"] = NullNode.Instance,
        };
        var fresh = new NullableMembers();
        var error = Assert.Throws<StateMismatchException>(() => fresh.LoadStateDict(wrongRank));
        Assert.Equal(["Vector", "Matrix"], error.Report.Mismatched.Select(p => p.Path));
        Assert.Null(fresh.Vector);
        Assert.Null(fresh.Matrix);
    }

    [Fact]
    public void Null_tensor_member_takes_the_source_shape()
    {
        var target = new NarrowResets();
        var dict = new StateDict();
        dict.Add("Lazy", new TensorNode(new NdArray<float>([1f, 2f, 3f, 4f], 2, 2)));
        Assert.True(target.LoadStateDict(dict).IsClean);
        Assert.Equal([2, 2], target.Lazy!.Shape);
        Assert.Equal([1f, 2f, 3f, 4f], target.Lazy.Data);
    }

    [Fact]
    public void Null_tensor_member_missing_from_the_source_is_reported()
    {
        var target = new NarrowResets();
        var error = Assert.Throws<StateMismatchException>(() => target.LoadStateDict(new StateDict()));
        Assert.Equal("Lazy", Assert.Single(error.Report.Missing).Path);
    }

    [Fact]
    public void Narrow_float_and_integer_tensors_fill_on_reset()
    {
        var model = new NarrowResets();
        model.ResetState();
        Assert.All(model.HalfTrace.Data, v => Assert.Equal((Half)(-1.5f), v));
        Assert.All(model.BTrace.Data, v => Assert.Equal(0.25f, (float)v));
        Assert.All(model.Counter.Data, v => Assert.Equal(3L, v));
    }

    [Fact]
    public void Python_bool_loads_into_a_bool_member()
    {
        var target = new Everything();
        var dict = new Everything().ToStateDict();
        dict["Flag"] = new BoolNode(true);
        Assert.True(target.LoadStateDict(dict).IsClean);
        Assert.True(target.Flag);
    }
}
