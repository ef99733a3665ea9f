using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Fuzz;

/// <summary>The msgpack reader: raw, and through the load path into a generated model.</summary>
internal static class MsgPackTargets
{
    // One file per process, rewritten for every input: Load takes a path. /dev/shm keeps it off the disk.
    private static readonly string InputPath = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"checkpoint-fuzz-{Environment.ProcessId}.msgpack");

    /// <summary>Reads the raw tree; a bad file may only raise <see cref="CheckpointFormatException"/>.</summary>
    public static void Read(byte[] input) => MsgPackReader.Read(new MemoryStream(input, writable: false));

    /// <summary>Loads into a fresh <see cref="FuzzModel"/> under <see cref="Mismatch.Warn"/>, so inputs that half match go on to the apply step.</summary>
    public static void LoadIntoModel(byte[] input)
    {
        File.WriteAllBytes(InputPath, input);
        MsgPackCheckpoint.Load(InputPath, new FuzzModel(), Mismatch.Warn);
    }

    /// <summary>
    /// What <c>Load</c> documents: <see cref="CheckpointFormatException"/> for a bad file,
    /// <see cref="StateMismatchException"/> for one that does not fit the model, and <see cref="CheckpointException"/>
    /// for a valid file whose root is not a map.
    /// </summary>
    public static bool IsDocumentedLoadError(Exception e) => e is CheckpointException;

    /// <summary>The fixtures, plus the fuzz model saved with a few fillings (inputs that match the model).</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> ModelSeeds(string repository)
    {
        foreach (var fixture in Seeds.BraintoolsFixtures(repository)) yield return fixture;
        var temp = Path.Combine(Path.GetTempPath(), $"checkpoint-fuzz-seed-{Guid.NewGuid():N}.msgpack");
        try
        {
            foreach (var fill in new[] { 0, 1, 7 })
            {
                MsgPackCheckpoint.Save(temp, FuzzModel.Filled(fill));
                yield return ($"fuzz_model_{fill}.msgpack", File.ReadAllBytes(temp));
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
