using Checkpoint.Management;
using Checkpoint.Runtime.Tests.Formats;
using Checkpoint.Samples;

namespace Checkpoint.Runtime.Tests.Files;

/// <summary>
/// Every way of loading a checkpoint goes through one reader and one planner, so every way accepts and rejects
/// exactly the same files. Each fixture and a sweep of damaged copies of them (every truncation of some, random
/// byte changes of all) go through every load path; a path may refuse a file for what it is (a bare array is no
/// model), but a file is corrupt for all of them or for none, and nothing but a checkpoint exception escapes.
/// </summary>
public class LoadPathAgreementTests
{
    private const string Corrupt = "corrupt";
    private const string Readable = "readable";

    public static TheoryData<string> Files => Fixtures.Names();

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_load_path_agrees_on_the_fixture_and_its_damaged_copies(string file)
    {
        using var dir = new TempDirectory();
        var paths = new LoadPaths(dir);
        var bytes = Fixtures.Bytes(file);
        var random = new Random(file.Sum(c => c) * 17 + 3);
        var inputs = new List<(string What, byte[] Bytes)> { (file, bytes) };
        // Every truncation of the small fixtures, a spread of them for the rest.
        var step = Math.Max(1, bytes.Length / 60);
        for (var length = 0; length < bytes.Length; length += step) inputs.Add(($"{file} cut at {length}", bytes[..length]));
        for (var trial = 0; trial < 40; trial++)
        {
            var corrupt = (byte[])bytes.Clone();
            for (var c = 0; c <= trial % 3; c++)
            {
                var position = random.Next(corrupt.Length);
                corrupt[position] = trial % 2 == 0 ? (byte)(corrupt[position] ^ (1 << random.Next(8))) : (byte)random.Next(256);
            }

            inputs.Add(($"{file} changed (trial {trial})", corrupt));
        }

        var heavy = 0;
        foreach (var (what, input) in inputs)
        {
            var outcomes = paths.Run(input, includeHeavy: heavy++ % 4 == 0);
            var expected = outcomes["file"];
            foreach (var (path, outcome) in outcomes)
                Assert.True(outcome == expected, $"{what}: '{path}' says {outcome}, reading the file says {expected}");
        }
    }

    /// <summary>The load paths, each reduced to whether it found the file corrupt.</summary>
    private sealed class LoadPaths(TempDirectory dir)
    {
        private readonly string _file = dir.File("input.msgpack");
        private readonly ModelZoo _zoo = new(dir.File("zoo"));
        private readonly string _managerDirectory = dir.File("manager");
        private static readonly LoadOptions Lenient = LoadOptions.Default with { Mismatch = Mismatch.Ignore };

        public Dictionary<string, string> Run(byte[] bytes, bool includeHeavy)
        {
            File.WriteAllBytes(_file, bytes);
            var outcomes = new Dictionary<string, string>
            {
                ["file"] = Outcome(() => MsgPackCheckpoint.Load(_file)),
                ["open, then read every array"] = Outcome(() =>
                {
                    using var opened = MsgPackCheckpoint.Open(_file);
                    StateTree.Materialize(opened.Root);
                }),
                ["seekable stream"] = Outcome(() => MsgPackCheckpoint.Load(new MemoryStream(bytes))),
                ["stream that cannot seek"] = Outcome(() => MsgPackCheckpoint.Load(new NonSeekableStream(new MemoryStream(bytes)))),
                ["model"] = Outcome(() => MsgPackCheckpoint.Load(_file, new Neuron(), Lenient)),
                ["model from a stream that cannot seek"] = Outcome(() => MsgPackCheckpoint.Load(new NonSeekableStream(new MemoryStream(bytes)), new Neuron(), Lenient)),
                ["state dictionary template"] = Outcome(() => MsgPackCheckpoint.Load(_file, new StateDict { ["weight"] = NdArray<float>.Zeros(2, 3) }, Lenient, out _)),
                ["object template"] = Outcome(() => MsgPackCheckpoint.Restore(_file, new Dictionary<string, object?> { ["weight"] = NdArray<float>.Zeros(2, 3), ["n"] = 0 }, Lenient, out _)),
                ["training checkpoint"] = Outcome(() => TrainingCheckpoint.Load(_file, new Neuron(), options: Lenient)),
                ["model from its configuration"] = Outcome(() => TrainingCheckpoint.LoadModel<Mlp>(_file, Lenient)),
                ["metadata"] = Outcome(() => TrainingCheckpoint.ReadMetadata(_file)),
            };

            if (!includeHeavy) return outcomes;
            File.WriteAllBytes(Path.Combine(_zoo.Directory, "input" + ModelZoo.Extension), bytes);
            outcomes["zoo"] = Outcome(() => _zoo.Load<Mlp>("input"));
            outcomes["zoo list"] = Outcome(() => _zoo.List());
            outcomes["manager"] = ManagerOutcome(bytes);
            return outcomes;
        }

        // The file becomes the model of a committed step whose manifest matches it, so the manager's own
        // checksums pass and the step's fate depends on the file alone.
        private string ManagerOutcome(byte[] bytes)
        {
            if (Directory.Exists(_managerDirectory)) Directory.Delete(_managerDirectory, recursive: true);
            using (var writer = new CheckpointManager(_managerDirectory)) writer.Save(0, new Neuron(), force: true);
            var step = Path.Combine(_managerDirectory, "step_00000000");
            var model = Path.Combine(step, "model.msgpack");
            File.WriteAllBytes(model, bytes);
            var manifestPath = Path.Combine(step, "manifest.json");
            var manifest = ManifestSerializer.Parse(File.ReadAllBytes(manifestPath), manifestPath);
            var files = new Dictionary<string, ManifestFileEntry>(manifest.Files) { ["model.msgpack"] = Checksum(model) };
            File.WriteAllBytes(manifestPath, ManifestSerializer.ToBytes(manifest with { Files = files }));

            using var manager = new CheckpointManager(_managerDirectory);
            return Outcome(() =>
            {
                try
                {
                    manager.Restore(new Neuron(), loadOptions: Lenient);
                }
                catch (CheckpointException e) when (e.Message.Contains("No intact checkpoint", StringComparison.Ordinal))
                {
                    // The step was found corrupt on reading (its checksums matched): the manager's word for a format error.
                    throw new CheckpointFormatException(e.Message, null, "", 0, e);
                }
            });
        }

        private static ManifestFileEntry Checksum(string path)
        {
            using var handle = Checkpoint.Storage.SafeFile.OpenRead(path);
            return FileChecksum.Compute(handle, CancellationToken.None);
        }

        private static string Outcome(Action load)
        {
            try
            {
                load();
                return Readable;
            }
            catch (CheckpointFormatException)
            {
                return Corrupt;
            }
            catch (CheckpointException)
            {
                // A readable file that is not what this path wants (a bare array for a model, no config to build from).
                return Readable;
            }
        }
    }
}
