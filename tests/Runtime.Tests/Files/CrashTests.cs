using System.Diagnostics;
using Checkpoint.Storage;

namespace Checkpoint.Runtime.Tests.Files;

/// <summary>
/// Kills a process that saves large checkpoints in a loop (tests/CrashWriter) at random moments and checks the
/// file always holds one complete save and stray temporary files are never taken for checkpoints.
/// </summary>
public class CrashTests
{
    // 8M float32 = 32 MB per save: long enough that a random kill often lands mid-write.
    private const int Elements = 8 << 20;

    private static (int Iteration, float[] Data) Read(string path)
    {
        var root = MsgPackCheckpoint.LoadStateDict(path);
        return ((int)((IntegerNode)root["iteration"]).Value, ((NdArray<float>)((TensorNode)root["data"]).Tensor).Data);
    }

    [Fact]
    public void Killing_a_writer_mid_save_never_damages_the_previous_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("crash.msgpack");
        MsgPackCheckpoint.Save(path, new Dictionary<string, object?> { ["iteration"] = -1, ["data"] = Enumerable.Repeat(-1f, Elements).ToArray() });
        var random = new Random(1234);
        var lastIteration = -1;
        var killedMidWrite = 0;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var first = lastIteration + 1000; // every child numbers its saves above all earlier ones (fewer than 1000 each)
            var info = ChildProcesses.StartInfo(
                "CrashWriter", path, Elements.ToString(System.Globalization.CultureInfo.InvariantCulture), first.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var child = Process.Start(info)!;
            Assert.Equal("started", child.StandardOutput.ReadLine());
            Thread.Sleep(random.Next(30, 700));
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
            var reported = child.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => int.Parse(line.Trim()["saved ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();

            var (iteration, data) = Read(path);
            // A save reported complete is in the file; at most the next one (renamed, not yet reported) replaced it.
            if (reported.Count == 0)
                Assert.True(iteration == lastIteration || iteration == first, $"found iteration {iteration}; expected {lastIteration} or {first}");
            else
                Assert.True(iteration == reported[^1] || iteration == reported[^1] + 1, $"found iteration {iteration}; last reported save {reported[^1]}");
            Assert.Equal(Elements, data.Length);
            Assert.All(data, v => Assert.Equal(iteration, v)); // exactly one complete save, never a mix
            lastIteration = iteration;

            foreach (var other in Directory.GetFiles(dir.Path).Where(f => f != path))
            {
                // Whatever a killed writer left is a temporary file, recognisable and refused as a checkpoint.
                Assert.True(AtomicFile.IsTemporaryFile(other), $"unexpected file {other}");
                Assert.Throws<CheckpointException>(() => MsgPackCheckpoint.Load(other));
                killedMidWrite++;
                File.Delete(other);
            }
        }

        // Not asserted (timing-dependent), but useful when reading the test log.
        Console.WriteLine($"kills that left a temporary file: {killedMidWrite} of 4; last complete iteration {lastIteration}");
    }
}
