namespace Checkpoint.Runtime.Tests.Files;

/// <summary>
/// A missing checkpoint is the <see cref="FileNotFoundException"/> every .NET user already catches, with braintools'
/// message; a directory where a file was expected gives the same error, through every format's facade.
/// </summary>
public sealed class MissingCheckpointTests
{
    public static TheoryData<string> Loads => new() { "msgpack", "msgpack into a model", "msgpack template", "npz", "npy", "safetensors", "training checkpoint" };

    [Theory]
    [MemberData(nameof(Loads))]
    public void A_missing_file_is_caught_as_FileNotFoundException_with_the_braintools_message(string load)
    {
        using var dir = new TempDirectory();
        var missing = dir.File("nothing-here.bin");

        var caught = CatchFileNotFound(() => Run(load, missing));

        var error = Assert.IsType<CheckpointNotFoundException>(caught);
        Assert.Equal($"Checkpoint not found: {missing}", error.Message);
        Assert.Equal(missing, error.FileName);
    }

    [Theory]
    [MemberData(nameof(Loads))]
    public void A_directory_path_gives_the_same_clean_error_not_UnauthorizedAccessException(string load)
    {
        using var dir = new TempDirectory();
        var directory = Path.Combine(dir.Path, "a-directory.msgpack");
        Directory.CreateDirectory(directory);

        var caught = CatchFileNotFound(() => Run(load, directory));

        var error = Assert.IsType<CheckpointNotFoundException>(caught);
        Assert.Equal($"Checkpoint not found: {directory}", error.Message);
        Assert.Contains("is a directory", error.InnerException?.Message);
    }

    [Theory]
    [InlineData("no/such.msgpack")]
    [InlineData("a-file.msgpack/such.msgpack")]
    public void A_path_through_a_missing_directory_or_a_file_is_not_found_too(string relative)
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("a-file.msgpack"), [0x80]);
        var missing = Path.Combine(dir.Path, relative);
        var error = Assert.IsType<CheckpointNotFoundException>(CatchFileNotFound(() => MsgPackCheckpoint.Load(missing)));
        Assert.Equal($"Checkpoint not found: {missing}", error.Message);
    }

    [Fact]
    public void It_is_an_IOException_and_no_longer_a_CheckpointException()
    {
        // The one deliberate exception to "every error is a CheckpointException" (CHANGELOG): code that caught
        // missing files as CheckpointException must catch FileNotFoundException (or IOException) instead.
        Exception error = new CheckpointNotFoundException("/x");
        Assert.IsAssignableFrom<IOException>(error);
        Assert.False(error is CheckpointException);
    }

    // The catch a user writes for any .NET file API; anything else escaping it fails the test.
    private static FileNotFoundException CatchFileNotFound(Action load)
    {
        try
        {
            load();
        }
        catch (FileNotFoundException e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("the load did not fail");
    }

    private static void Run(string load, string path)
    {
        switch (load)
        {
            case "msgpack": MsgPackCheckpoint.Load(path); break;
            case "msgpack into a model": MsgPackCheckpoint.Load(path, new Neuron()); break;
            case "msgpack template": MsgPackCheckpoint.Restore(path, new Dictionary<string, object?>()); break;
            case "npz": NpzCheckpoint.Load(path); break;
            case "npy": NpyCheckpoint.Load(path); break;
            case "safetensors": SafeTensorsCheckpoint.Load(path); break;
            case "training checkpoint": TrainingCheckpoint.ReadMetadata(path); break;
            default: throw new ArgumentOutOfRangeException(nameof(load), load, null);
        }
    }
}
