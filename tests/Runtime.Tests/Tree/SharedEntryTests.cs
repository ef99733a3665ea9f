using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Tree;

/// <summary>
/// A reader keeps the entries of many small maps in shared arrays; every map must still behave as a map of its own:
/// changing one (adding past its room, removing, renaming, replacing) leaves its neighbours exactly as they were.
/// </summary>
public class SharedEntryTests
{
    private const int Maps = 300;

    // Maps of 0 to 5 entries, enough of them to span several shared arrays.
    private static StateDict Build()
    {
        var root = new StateDict();
        for (var i = 0; i < Maps; i++)
        {
            var map = new StateDict();
            for (var k = 0; k < i % 6; k++) map.Add($"k{k}", i * 10 + k);
            root.Add($"m{i}", map);
        }

        return root;
    }

    private static void Change(StateDict root, int i)
    {
        var map = (StateDict)root[$"m{i}"];
        switch (i % 4)
        {
            case 0:
                for (var k = 0; k < 7; k++) map[$"extra{k}"] = -k;
                break;
            case 1:
                map.Remove("k0");
                map.Add("tail", 1.5);
                break;
            case 2:
                map.Rename("k1", "renamed");
                map["k0"] = "replaced";
                break;
            default:
                map.GetOrAddDict("child").Add("x", 1);
                break;
        }
    }

    [Fact]
    public void Each_map_read_from_a_file_changes_alone()
    {
        var read = (StateDict)MsgPackReader.FromBytes(MsgPackWriter.ToBytes(Build()));
        var expected = Build();
        for (var i = 0; i < Maps; i += 3)
        {
            Change(read, i);
            Change(expected, i);
        }

        // The same changes on maps built one by one (each with an array of its own) give the same tree.
        Assert.Equal(MsgPackWriter.ToBytes(expected), MsgPackWriter.ToBytes(read));
        Assert.Equal(expected.ToString(), read.ToString());
    }
}
