using Microsoft.Extensions.Logging;

namespace Checkpoint.Runtime.Tests.Files;

public class MsgPackCheckpointTests
{
    [Fact]
    public void A_model_round_trips_and_tensors_load_in_place()
    {
        using var dir = new TempDirectory();
        var saved = Neuron.Filled(3);
        var path = MsgPackCheckpoint.Save(dir.File("neuron.msgpack"), saved);

        var target = new Neuron();
        var weight = target.Weight;
        var report = MsgPackCheckpoint.Load(path, target);

        Assert.True(report.IsClean);
        Assert.Equal(["weight", "bias", "tau", "steps"], report.Loaded);
        Assert.Same(weight, target.Weight); // copied into the existing tensor
        Assert.Equal(saved.Weight!.Data, target.Weight!.Data);
        Assert.Equal(saved.Bias, target.Bias);
        Assert.Equal(saved.Tau, target.Tau);
        Assert.Equal(3, target.Steps);
    }

    [Fact]
    public void Raw_load_returns_the_tree_and_short_term_state_is_not_saved()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("neuron.msgpack"), Neuron.Filled(1));
        var root = Assert.IsType<StateDict>(MsgPackCheckpoint.Load(path));
        Assert.Equal(["weight", "bias", "tau", "steps"], root.Keys);
        Assert.Equal(["weight", "bias", "tau", "steps", "v"],
            MsgPackCheckpoint.LoadStateDict(MsgPackCheckpoint.Save(dir.File("all.msgpack"), Neuron.Filled(1), options: new SaveOptions { Kinds = StateKinds.All })).Keys);
    }

    [Fact]
    public void Save_creates_directories_and_returns_the_full_path()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(Path.Combine(dir.Path, "a", "b", "c.msgpack"), new Dictionary<string, object?> { ["x"] = 1 });
        Assert.True(Path.IsPathFullyQualified(path));
        Assert.True(File.Exists(path));
        Assert.Equal(1, ((IntegerNode)MsgPackCheckpoint.LoadStateDict(path)["x"]).Value);
    }

    [Fact]
    public void Without_overwrite_an_existing_file_is_an_error_and_stays_unchanged()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?> { ["v"] = 1 });
        var error = Assert.Throws<CheckpointException>(() =>
            MsgPackCheckpoint.Save(path, new Dictionary<string, object?> { ["v"] = 2 }, overwrite: false));
        Assert.StartsWith($"Checkpoint already exists: {path}", error.Message);
        Assert.Equal(1, ((IntegerNode)MsgPackCheckpoint.LoadStateDict(path)["v"]).Value);
        MsgPackCheckpoint.Save(path, new Dictionary<string, object?> { ["v"] = 3 });
        Assert.Equal(3, ((IntegerNode)MsgPackCheckpoint.LoadStateDict(path)["v"]).Value);
    }

    [Fact]
    public void A_missing_file_says_checkpoint_not_found_with_the_path()
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nonexistent_checkpoint.msgpack");
        var raw = Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Load(missing));
        Assert.Equal($"Checkpoint not found: {missing}", raw.Message);
        Assert.IsType<FileNotFoundException>(raw.InnerException);
        Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Load(missing, new Neuron()));
        Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Restore(missing, new Dictionary<string, object?>()));
        Assert.Throws<CheckpointNotFoundException>(() => MsgPackCheckpoint.Load(Path.Combine(dir.Path, "no", "such.msgpack")));
    }

    [Fact]
    public void Error_mode_lists_every_problem_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        var saved = Neuron.Filled(2);
        saved.Weight = NdArray<float>.Zeros(3, 3); // a shape the target does not have
        var file = new Dictionary<string, object?>
        {
            ["weight"] = saved.Weight, ["bias"] = saved.Bias, ["tau"] = saved.Tau, ["extra"] = 1.0, // no "steps"
        };
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), file);
        var target = Neuron.Filled(7);

        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Load(path, target));
        Assert.Equal(["weight", "steps", "extra"], error.Report.Problems.Select(p => p.Path));
        Assert.Equal([LoadProblemKind.Mismatched, LoadProblemKind.Missing, LoadProblemKind.Unexpected], error.Report.Problems.Select(p => p.Kind));
        Assert.Contains(path, error.Message);
        Assert.Equal(Neuron.Filled(7).Bias, target.Bias);
        Assert.Equal(Neuron.Filled(7).Tau, target.Tau);
    }

    [Theory]
    [InlineData(Mismatch.Warn)]
    [InlineData(Mismatch.Ignore)]
    public void Warn_and_ignore_load_what_matches_and_keep_the_rest(Mismatch mismatch)
    {
        using var dir = new TempDirectory();
        var file = new Dictionary<string, object?> { ["weight"] = NdArray<float>.Zeros(3, 3), ["bias"] = new double[] { 9, 8, 7 }, ["extra"] = 1.0 };
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), file);
        var target = Neuron.Filled(7);
        var weight = (float[])target.Weight!.Data.Clone();
        var logger = new ListLogger();

        var report = MsgPackCheckpoint.Load(path, target, LoadOptions.Default with { Mismatch = mismatch, Logger = logger });

        Assert.Equal(["bias"], report.Loaded);
        Assert.Equal([9.0, 8, 7], target.Bias);
        Assert.Equal(weight, target.Weight.Data);
        Assert.Equal(7, target.Steps);
        Assert.Equal(["weight", "tau", "steps", "extra"], report.Problems.Select(p => p.Path));
        Assert.Equal(mismatch == Mismatch.Warn ? 4 : 0, logger.Messages.Count);
    }

    [Fact]
    public void Skipped_shapes_and_path_filters_work_through_the_facade()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?>
        {
            ["weight"] = NdArray<float>.Zeros(3, 3), ["bias"] = new double[] { 1, 2, 3 }, ["tau"] = 5.0 * Checkpoint.Units.ms, ["steps"] = 4,
        });
        var target = new Neuron();
        var report = MsgPackCheckpoint.Load(path, target, LoadOptions.Default with { SkipShapeMismatches = true, PathFilter = p => p != "steps" });
        Assert.True(report.IsClean);
        Assert.Equal(["weight", "steps"], report.Skipped);
        Assert.Equal(0, target.Steps);
        Assert.Equal(5.0, target.Tau!.Value);
    }

    [Fact]
    public void Dtypes_convert_losslessly_and_refuse_lossy_conversions()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?>
        {
            ["weight"] = NdArray<double>.Full(0.1, 2, 3), ["bias"] = new float[] { 1.5f, 2.5f, 3.5f },
        });
        var target = new Neuron();
        var report = MsgPackCheckpoint.Load(path, target, Mismatch.Ignore);
        Assert.Equal([1.5, 2.5, 3.5], target.Bias); // float32 -> float64 through the conversion path
        var problem = Assert.Single(report.Mismatched);
        Assert.Equal("weight", problem.Path);
        Assert.Contains("losslessly", problem.Reason);
    }

    [Fact]
    public void Chunked_arrays_stream_into_the_model()
    {
        using var dir = new TempDirectory();
        var saved = Neuron.Filled(5);
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), saved, options: new SaveOptions { ChunkByteLimit = 8 });
        var target = new Neuron();
        MsgPackCheckpoint.Load(path, target);
        Assert.Equal(saved.Weight!.Data, target.Weight!.Data);
        Assert.Equal(saved.Bias, target.Bias);
    }

    [Fact]
    public void Nested_models_load_by_path()
    {
        using var dir = new TempDirectory();
        var saved = new Network { Encoder = Neuron.Filled(1) };
        saved.Layers[1] = Neuron.Filled(2);
        var path = MsgPackCheckpoint.Save(dir.File("net.msgpack"), saved);
        Assert.True(MsgPackCheckpoint.LoadStateDict(path).TryGetPath("layers.1.weight", out _));
        var target = new Network();
        var report = MsgPackCheckpoint.Load(path, target);
        Assert.Equal(12, report.LoadedCount);
        Assert.Equal(saved.Layers[1].Weight!.Data, target.Layers[1].Weight!.Data);
        Assert.Equal(1, target.Encoder.Steps);
    }

    [Fact]
    public void A_file_whose_root_is_not_a_map_cannot_load_into_a_model()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), NdArray<float>.Zeros(2));
        Assert.IsType<TensorNode>(MsgPackCheckpoint.Load(path));
        Assert.Contains("not a map", Assert.Throws<CheckpointException>(() => MsgPackCheckpoint.Load(path, new Neuron())).Message);
        Assert.Contains("not a map", Assert.Throws<CheckpointException>(() => MsgPackCheckpoint.LoadStateDict(path)).Message);
    }

    [Fact]
    public async Task Save_async_writes_the_same_file()
    {
        using var dir = new TempDirectory();
        var path = await MsgPackCheckpoint.SaveAsync(dir.File("x.msgpack"), Neuron.Filled(4));
        var sync = MsgPackCheckpoint.Save(dir.File("y.msgpack"), Neuron.Filled(4));
        Assert.Equal(File.ReadAllBytes(sync), File.ReadAllBytes(path));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
