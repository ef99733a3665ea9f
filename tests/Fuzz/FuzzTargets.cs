namespace Checkpoint.Fuzz;

/// <summary>The target table: a reader added to the library gets one line here (npz, npy, safetensors next).</summary>
internal static class FuzzTargets
{
    public static readonly IReadOnlyList<FuzzTarget> All =
    [
        new("msgpack", "MsgPackReader.Read on a MemoryStream (the raw tree)",
            MsgPackTargets.Read, e => e is CheckpointFormatException, Seeds.BraintoolsFixtures),
        new("msgpack-model", "MsgPackCheckpoint.Load(path, model) into a generated model",
            MsgPackTargets.LoadIntoModel, MsgPackTargets.IsDocumentedLoadError, MsgPackTargets.ModelSeeds),
        new("manifest", "ManifestSerializer.Parse (a manager step's manifest.json)",
            ManifestTargets.Parse, e => e is CheckpointException, ManifestTargets.Seeds),
        new("manifest-body", "ManifestSerializer.Parse of a crafted body with a valid checksum",
            ManifestTargets.ParseBody, e => e is CheckpointException, ManifestTargets.BodySeeds),
    ];

    public static FuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
