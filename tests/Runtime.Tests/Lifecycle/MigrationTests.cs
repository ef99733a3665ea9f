using Checkpoint.Runtime.Tests.Files;

namespace Checkpoint.Runtime.Tests.Lifecycle;

public class MigrationTests
{
    // A version 1.0 file as an older Python script wrote it: the weight was "w", the config key "hidden".
    private static string WriteV1(string path, float fill)
    {
        var tree = new StateDict
        {
            ["version"] = "1.0",
            ["params"] = new StateDict { ["w"] = NdArray<float>.Full(fill, 3, 2) },
            ["config"] = new StateDict { ["hidden"] = 3 },
        };
        return MsgPackCheckpoint.Save(path, tree);
    }

    private static Migrations V1ToV2() => new Migrations()
        .Add("1.0", "1.5", tree =>
        {
            Migrations.MovePath(tree, "config.hidden", "config.n_hidden");
            return tree;
        })
        .AddRenames("1.5", "2.0", ("metadata.old", "metadata.new"));

    [Fact]
    public void Steps_chain_and_former_names_map_old_keys()
    {
        using var dir = new TempDirectory();
        var path = WriteV1(dir.File("v1.msgpack"), 0.25f);

        var (model, info) = TrainingCheckpoint.LoadModel<Readout>(path, version: "2.0", migrations: V1ToV2());
        Assert.Equal(3, model.NHidden);
        Assert.All(model.Weight.Data, w => Assert.Equal(0.25f, w));
        Assert.Equal("2.0", info.Version);
        Assert.Equal(["migrated 1.0 -> 1.5", "migrated 1.5 -> 2.0"], info.Report.Notes);
        Assert.Contains(info.Report.Renamed, r => r.From == "config.hidden" && r.To == "config.n_hidden");
        Assert.Contains(info.Report.Renamed, r => r.From == "params.w" && r.To == "params.weight");
    }

    [Fact]
    public void A_missing_step_names_the_versions()
    {
        using var dir = new TempDirectory();
        var path = WriteV1(dir.File("v1.msgpack"), 1f);
        var error = Assert.Throws<CheckpointException>(() =>
            TrainingCheckpoint.LoadModel<Readout>(path, version: "3.0", migrations: V1ToV2()));
        Assert.Contains("'2.0'", error.Message);
        Assert.Contains("'3.0'", error.Message);
    }

    [Fact]
    public void Unversioned_files_count_as_1_0_and_current_files_are_not_migrated()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("old.msgpack"), new StateDict
        {
            ["params"] = new StateDict { ["w"] = NdArray<float>.Full(2f, 3, 2) },
            ["config"] = new StateDict { ["hidden"] = 3 },
        });
        var (_, info) = TrainingCheckpoint.LoadModel<Readout>(path, version: "2.0", migrations: V1ToV2());
        Assert.Equal(2, info.Report.Notes.Count);

        var current = TrainingCheckpoint.ExportForInference(dir.File("v2.msgpack"), new Readout(3), version: "2.0");
        var (_, again) = TrainingCheckpoint.LoadModel<Readout>(current.FullName, version: "2.0", migrations: V1ToV2());
        Assert.Empty(again.Report.Notes);
        Assert.Empty(again.Report.Renamed);
    }

    [Fact]
    public void Global_registration_is_used_by_default()
    {
        using var dir = new TempDirectory();
        var path = MsgPackCheckpoint.Save(dir.File("g.msgpack"), new StateDict
        {
            ["version"] = "global-test-1",
            ["params"] = new StateDict { ["weight"] = NdArray<float>.Full(3f, 4, 2) },
            ["config"] = new StateDict { ["size"] = 4 },
        });
        Migrations.Register("global-test-1", "global-test-2", tree =>
        {
            Migrations.MovePath(tree, "config.size", "config.n_hidden");
            return tree;
        });
        var (model, info) = TrainingCheckpoint.LoadModel<Readout>(path, version: "global-test-2");
        Assert.Equal(4, model.NHidden);
        Assert.Equal("global-test-2", info.Version);
    }
}
