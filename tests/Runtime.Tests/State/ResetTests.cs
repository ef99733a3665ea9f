using Checkpoint.Tests.Models;

namespace Checkpoint.Tests.State;

/// <summary>ResetState: fill, initializer, default, and children, without touching persistent state.</summary>
public class ResetTests
{
    [Fact]
    public void Reset_applies_fill_initializer_and_default()
    {
        var model = new Resets();
        ModelValues.Fill(model.Cleared, 3f);
        ModelValues.Fill(model.Filled, 3f);
        var filled = model.Filled;
        model.Grid[1, 1] = 9;
        model.Counts[0] = 4;
        model.Scalar = 5f;
        model.IntFilled = 8;
        model.Flag = false;
        model.Phase = Phase.Rest;
        model.Text = "x";
        model.Weight = 0.25f;

        model.ResetState();

        Assert.Equal([0f, 0f], model.Cleared.Data);
        Assert.Same(filled, model.Filled); // filled in place
        Assert.Equal([-65f, -65f], model.Filled.Data);
        Assert.Equal(1, model.InitialTraceCalls);
        Assert.Equal([7f, 7f, 7f], model.Trace.Data);
        Assert.Equal(new double[,] { { 2.5, 2.5 }, { 2.5, 2.5 } }, model.Grid);
        Assert.Equal([0, 0], model.Counts);
        Assert.Equal(0f, model.Scalar);
        Assert.Equal(3, model.IntFilled);
        Assert.True(model.Flag);
        Assert.Equal(Phase.Refractory, model.Phase);
        Assert.Null(model.Text);
        Assert.Equal(0.25f, model.Weight); // params are not state to reset
    }

    [Fact]
    public void Reset_reaches_children_lists_and_dictionaries()
    {
        var model = new Resets();
        ModelValues.Fill(model.Cell.V, 1f);
        ModelValues.Fill(model.Cells[1].V, 1f);
        ModelValues.Fill(model.Named["a"].V, 1f);
        model.Cell.Tau = 3f;

        model.ResetState();

        Assert.All(model.Cell.V.Data, v => Assert.Equal(-65f, v));
        Assert.All(model.Cells[1].V.Data, v => Assert.Equal(-65f, v));
        Assert.All(model.Named["a"].V.Data, v => Assert.Equal(-65f, v));
        Assert.Equal(3f, model.Cell.Tau);
    }

    [Fact]
    public void Reset_of_a_derived_model_resets_base_members_too()
    {
        var model = new AdaptiveNeuron();
        ModelValues.Fill(model.V, 1f);
        ModelValues.Fill(model.Adaptation, 1f);
        model.Steps = 4;
        model.ResetState();
        Assert.All(model.V.Data, v => Assert.Equal(-70f, v));
        Assert.All(model.Adaptation.Data, v => Assert.Equal(0.5f, v));
        Assert.Equal(4, model.Steps);
    }

    [Fact]
    public void Reset_tolerates_null_children()
    {
        var model = new Ensemble { Populations = null! };
        model.ResetState();
        Assert.Null(model.Missing);
    }
}
