using System.Buffers;
using System.Buffers.Binary;
using MessagePack;

namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// The bin and ext headers, encoded here from the spec rather than by <see cref="MessagePackWriter"/>:
/// its <c>WriteBinHeader</c> and <c>WriteExtensionFormatHeader</c> reserve buffer space for the whole body
/// too, which for a streamed 1 GiB array would mean a 1 GiB header buffer. The choice of encoding is the same
/// (smallest: fixext 1/2/4/8/16, then ext 8/16/32; bin 8/16/32), as msgpack-python makes it.
/// </summary>
internal static class MsgPackHeaders
{
    public static void WriteBinHeader(IBufferWriter<byte> output, int length)
    {
        var span = output.GetSpan(5);
        int size;
        if (length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Bin8;
            span[1] = (byte)length;
            size = 2;
        }
        else if (length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            size = 3;
        }
        else
        {
            span[0] = MessagePackCode.Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)length);
            size = 5;
        }

        output.Advance(size);
    }

    public static void WriteExtHeader(IBufferWriter<byte> output, sbyte type, uint length)
    {
        var span = output.GetSpan(6);
        var fixCode = length switch
        {
            1 => MessagePackCode.FixExt1,
            2 => MessagePackCode.FixExt2,
            4 => MessagePackCode.FixExt4,
            8 => MessagePackCode.FixExt8,
            16 => MessagePackCode.FixExt16,
            _ => (byte)0,
        };
        int size;
        if (fixCode != 0)
        {
            span[0] = fixCode;
            size = 1;
        }
        else if (length <= byte.MaxValue)
        {
            span[0] = MessagePackCode.Ext8;
            span[1] = (byte)length;
            size = 2;
        }
        else if (length <= ushort.MaxValue)
        {
            span[0] = MessagePackCode.Ext16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)length);
            size = 3;
        }
        else
        {
            span[0] = MessagePackCode.Ext32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], length);
            size = 5;
        }

        span[size] = unchecked((byte)type);
        output.Advance(size + 1);
    }
}
