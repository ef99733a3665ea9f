using Checkpoint.Samples;
using MessagePack;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Lifecycle;

/// <summary>The generated record's MessagePack-CSharp attributes give the same plain map the checkpoint holds.</summary>
public class ConfigMessagePackTests
{
    [Fact]
    public void MessagePack_CSharp_round_trips_the_record_as_the_saved_map()
    {
        var config = new MlpConfig { NInput = 784, NHidden = 128, NOutput = 10, Seed = 5 };
        var bytes = MessagePackSerializer.Serialize(config);
        Assert.Equal(config, MessagePackSerializer.Deserialize<MlpConfig>(bytes));

        // Read with the checkpoint reader, as msgpack_load would: the same keys and values as ToStateDict().
        var read = (StateDict)MsgPackReader.FromBytes(bytes);
        var expected = config.ToStateDict();
        Assert.Equal(expected.Keys, read.Keys);
        foreach (var key in expected.Keys)
            Assert.Equal(((IntegerNode)expected[key]).Value, ((IntegerNode)read[key]).Value);
    }
}
