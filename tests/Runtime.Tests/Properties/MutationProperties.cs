using CsCheck;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Properties;

/// <summary>
/// Damaged bytes (flipped bits, truncation, inserted bytes) are either read as a tree or refused with
/// <see cref="CheckpointFormatException"/>, never anything else. A plain msgpack file has no checksum, so a flip
/// inside array data legitimately reads as a different tree; what must hold for any tree the reader accepts is
/// that it is a well-formed tree: written again and read back, it is itself unchanged.
/// </summary>
public class MutationProperties
{
    private static void ReadOrRefuse(Func<StateNode> read, byte[] damaged)
    {
        StateNode tree;
        try
        {
            tree = read();
        }
        catch (CheckpointFormatException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Detail));
            return;
        }

        if (TreeDiff.First(tree, MsgPackReader.FromBytes(MsgPackWriter.ToBytes(tree))) is { } difference)
            Assert.Fail($"The reader accepted {damaged.Length} damaged bytes as a tree that does not survive its own round trip: {difference}");
    }

    [Fact]
    public void DamagedBytesReadAsATreeOrRaiseCheckpointFormatException() =>
        Gen.Select(TreeGen.Tree, TreeGen.Mutation).Sample((tree, mutate) =>
        {
            var damaged = mutate(MsgPackWriter.ToBytes(tree));
            ReadOrRefuse(() => MsgPackReader.FromBytes(damaged), damaged);
            ReadOrRefuse(() => MsgPackReader.Read(new MemoryStream(damaged)), damaged);
        }, iter: 3000, print: t => TreeGen.Describe(t.Item1));

    [Fact]
    public void ADamagedFileLoadsAsATreeOrRaisesCheckpointFormatException()
    {
        var directory = Directory.CreateTempSubdirectory("ckpt-prop-");
        try
        {
            Gen.Select(TreeGen.Tree, TreeGen.Mutation).Sample((tree, mutate) =>
            {
                var path = Path.Combine(directory.FullName, Guid.NewGuid().ToString("N") + ".msgpack");
                var damaged = mutate(MsgPackWriter.ToBytes(tree));
                File.WriteAllBytes(path, damaged);
                ReadOrRefuse(() =>
                {
                    // Lazy array leaves read the file on first use: materialise them while it exists.
                    var loaded = MsgPackCheckpoint.Load(path);
                    _ = TreeDiff.First(loaded, loaded);
                    return loaded;
                }, damaged);
                File.Delete(path);
            }, iter: 500, print: t => TreeGen.Describe(t.Item1));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
