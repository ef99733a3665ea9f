using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Lifecycle;

/// <summary>
/// Training N epochs straight and training N/2, saving, resuming in a new process and training N/2 more give
/// bit-identical weights, optimizer moments and generator state.
/// </summary>
public class ResumeTests
{
    private const int Epochs = 6;

    [Fact]
    public async Task Resuming_in_a_new_process_is_bit_identical_to_training_straight()
    {
        using var dir = new TempDirectory();
        var straight = TrainingRun.Start();
        for (var i = 0; i < Epochs; i++) straight.TrainEpoch();

        var half = TrainingRun.Start();
        for (var i = 0; i < Epochs / 2; i++) half.TrainEpoch();
        var checkpoint = half.Save(dir.File("half.msgpack"));
        var final = dir.File("final.msgpack");

        var (stdout, childId) = await ChildProcesses.RunAsync(
            "ResumeChild", TimeSpan.FromMinutes(2), checkpoint, (Epochs - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), final);
        Assert.Contains($"resumed after epoch {Epochs / 2 - 1}", stdout);
        Assert.Contains($"(pid {childId})", stdout);
        Assert.NotEqual(Environment.ProcessId, childId);

        var resumed = TrainingRun.Resume(final);
        Assert.Equal(Epochs - 1, resumed.Epoch);
        ModelAssert.BitIdentical(straight.Model, resumed.Model);
        ModelAssert.BitIdentical(straight.Optimizer, resumed.Optimizer);
        ModelAssert.BitIdentical(straight.Rng, resumed.Rng);

        // The control: the half-trained weights really differ from the final ones, so the comparison can fail.
        Assert.False(ModelAssert.Param(half.Model, "encoder.weight").SequenceEqual(ModelAssert.Param(straight.Model, "encoder.weight")));
    }

    [Fact]
    public void Resuming_without_the_generator_state_diverges()
    {
        // Shows the generator state matters: a resumed run with a fresh generator shuffles differently.
        using var dir = new TempDirectory();
        var straight = TrainingRun.Start();
        for (var i = 0; i < 4; i++) straight.TrainEpoch();
        var half = TrainingRun.Start();
        for (var i = 0; i < 2; i++) half.TrainEpoch();
        var path = half.Save(dir.File("half.msgpack"));
        var resumed = TrainingRun.Resume(path);
        var fresh = new Xoshiro128(12345);
        (resumed.Rng.S0, resumed.Rng.S1, resumed.Rng.S2, resumed.Rng.S3) = (fresh.S0, fresh.S1, fresh.S2, fresh.S3);
        while (resumed.Epoch < 3) resumed.TrainEpoch();
        Assert.False(ModelAssert.Param(resumed.Model, "encoder.weight").SequenceEqual(ModelAssert.Param(straight.Model, "encoder.weight")));
    }
}
