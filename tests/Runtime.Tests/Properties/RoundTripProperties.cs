using CsCheck;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Properties;

/// <summary>Random trees of every leaf kind survive a save and a load unchanged, through bytes and through files.</summary>
public class RoundTripProperties
{
    [Fact]
    public void WriterThenReaderGivesTheSameTree() =>
        TreeGen.Tree.Sample(tree =>
        {
            var back = MsgPackReader.FromBytes(MsgPackWriter.ToBytes(tree));
            Assert.Null(TreeDiff.First(tree, back));
        }, iter: 400, print: TreeGen.Describe);

    [Fact]
    public void SaveThenLoadGivesTheSameTree()
    {
        var directory = Directory.CreateTempSubdirectory("ckpt-prop-");
        try
        {
            TreeGen.Tree.Sample(tree =>
            {
                var path = Path.Combine(directory.FullName, Guid.NewGuid().ToString("N") + ".msgpack");
                MsgPackCheckpoint.Save(path, tree);
                var back = MsgPackCheckpoint.Load(path);
                Assert.Null(TreeDiff.First(tree, back));
                File.Delete(path);
            }, iter: 150, print: TreeGen.Describe);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
