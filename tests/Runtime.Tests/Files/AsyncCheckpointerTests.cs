namespace Checkpoint.Runtime.Tests.Files;

public class AsyncCheckpointerTests
{
    // Large enough that the background write is still running when the test changes the data.
    private const int Elements = 4 << 20;

    [Fact]
    public void The_file_holds_the_values_at_the_moment_save_returned()
    {
        using var dir = new TempDirectory();
        var data = NdArray<float>.Full(1f, Elements);
        var model = Neuron.Filled(1);
        var tree = new Dictionary<string, object?> { ["data"] = data, ["model"] = model, ["step"] = 1 };
        string path;
        using (var checkpointer = new AsyncCheckpointer())
        {
            path = checkpointer.Save(dir.File("async.msgpack"), tree);
            data.AsSpan().Fill(2f); // training goes on at once
            model.Weight!.AsSpan().Fill(-1f);
            model.Steps = 99;
            tree["step"] = 2;
            checkpointer.Wait();
        }

        var loaded = MsgPackCheckpoint.LoadStateDict(path);
        Assert.All(((NdArray<float>)((TensorNode)loaded["data"]).Tensor).Data, v => Assert.Equal(1f, v));
        Assert.Equal(Neuron.Filled(1).Weight!.Data, ((NdArray<float>)((TensorNode)loaded.GetPath("model.weight")).Tensor).Data);
        Assert.Equal(1, ((IntegerNode)loaded.GetPath("model.steps")).Value);
        Assert.Equal(1, ((IntegerNode)loaded["step"]).Value);
    }

    [Fact]
    public void The_next_save_waits_for_the_previous_one()
    {
        using var dir = new TempDirectory();
        var tree = new Dictionary<string, object?> { ["data"] = NdArray<float>.Full(3f, Elements) };
        using var checkpointer = new AsyncCheckpointer();
        var first = checkpointer.Save(dir.File("first.msgpack"), tree);
        checkpointer.Save(dir.File("second.msgpack"), tree);
        // The second Save returned, so the first write has finished: the file is complete now.
        var loaded = MsgPackCheckpoint.LoadStateDict(first);
        Assert.Equal(Elements, ((TensorNode)loaded["data"]).Tensor.Length);
    }

    [Fact]
    public void A_failed_background_save_surfaces_at_the_next_call()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("blocker"), "a file where a directory is needed");
        var badPath = Path.Combine(dir.File("blocker"), "x.msgpack");
        var checkpointer = new AsyncCheckpointer();
        checkpointer.Save(badPath, new Dictionary<string, object?> { ["v"] = 1 });

        var error = Assert.Throws<CheckpointException>(() => checkpointer.Save(dir.File("ok.msgpack"), new Dictionary<string, object?> { ["v"] = 2 }));
        Assert.Contains(badPath, error.Message);
        Assert.NotNull(error.InnerException);
        Assert.False(File.Exists(dir.File("ok.msgpack"))); // the failing call did not start a save

        // Reported once; the checkpointer keeps working.
        var ok = checkpointer.Save(dir.File("ok.msgpack"), new Dictionary<string, object?> { ["v"] = 2 });
        checkpointer.Dispose();
        Assert.Equal(2, ((IntegerNode)MsgPackCheckpoint.LoadStateDict(ok)["v"]).Value);
    }

    [Fact]
    public async Task Wait_async_and_dispose_async_surface_failures_too()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("blocker"), "");
        var checkpointer = new AsyncCheckpointer();
        await checkpointer.SaveAsync(Path.Combine(dir.File("blocker"), "x.msgpack"), new Dictionary<string, object?> { ["v"] = 1 });
        await Assert.ThrowsAsync<CheckpointException>(() => checkpointer.WaitAsync());
        await checkpointer.SaveAsync(Path.Combine(dir.File("blocker"), "y.msgpack"), new Dictionary<string, object?> { ["v"] = 1 });
        await Assert.ThrowsAsync<CheckpointException>(async () => await checkpointer.DisposeAsync());
    }

    [Fact]
    public void Disposal_waits_for_the_save_in_flight()
    {
        using var dir = new TempDirectory();
        string path;
        using (var checkpointer = new AsyncCheckpointer())
            path = checkpointer.Save(dir.File("x.msgpack"), new Dictionary<string, object?> { ["data"] = NdArray<float>.Zeros(Elements) });
        Assert.Equal(Elements, ((TensorNode)MsgPackCheckpoint.LoadStateDict(path)["data"]).Tensor.Length);
    }

    [Fact]
    public void Overwrite_false_fails_at_once()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("x.msgpack"), new Dictionary<string, object?> { ["v"] = 1 });
        using var checkpointer = new AsyncCheckpointer();
        var error = Assert.Throws<CheckpointException>(() => checkpointer.Save(path, new Dictionary<string, object?> { ["v"] = 2 }, overwrite: false));
        Assert.StartsWith("Checkpoint already exists", error.Message);
    }
}
