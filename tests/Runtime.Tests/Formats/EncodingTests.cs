using System.Globalization;
using System.Text;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Formats;

/// <summary>Encodings checked against bytes worked out by hand from the MessagePack specification.</summary>
public class EncodingTests
{
    [Theory]
    [InlineData("0", "00")]
    [InlineData("1", "01")]
    [InlineData("127", "7f")]
    [InlineData("128", "cc80")]
    [InlineData("255", "ccff")]
    [InlineData("256", "cd0100")]
    [InlineData("65535", "cdffff")]
    [InlineData("65536", "ce00010000")]
    [InlineData("4294967295", "ceffffffff")]
    [InlineData("4294967296", "cf0000000100000000")]
    [InlineData("9223372036854775807", "cf7fffffffffffffff")]
    [InlineData("9223372036854775808", "cf8000000000000000")]
    [InlineData("18446744073709551615", "cfffffffffffffffff")]
    [InlineData("-1", "ff")]
    [InlineData("-32", "e0")]
    [InlineData("-33", "d0df")]
    [InlineData("-128", "d080")]
    [InlineData("-129", "d1ff7f")]
    [InlineData("-32768", "d18000")]
    [InlineData("-32769", "d2ffff7fff")]
    [InlineData("-2147483648", "d280000000")]
    [InlineData("-2147483649", "d3ffffffff7fffffff")]
    [InlineData("-9223372036854775808", "d38000000000000000")]
    public void Integers_use_the_smallest_encoding_and_read_back(string value, string hex)
    {
        var number = Int128.Parse(value, CultureInfo.InvariantCulture);

        var bytes = MsgPackWriter.ToBytes(new IntegerNode(number));

        Assert.Equal(hex, Hex.Of(bytes));
        Assert.Equal(number, Assert.IsType<IntegerNode>(MsgPackReader.FromBytes(bytes)).Value);
    }

    [Theory]
    [InlineData("d30000000000000005", 5)] // int64 holding a small value
    [InlineData("cd0005", 5)]         // uint16 holding a small value
    [InlineData("d0ff", -1)]          // int8
    [InlineData("d1fffe", -2)]        // int16
    public void Integers_in_wider_encodings_read_as_their_value(string hex, long expected) =>
        Assert.Equal(expected, Assert.IsType<IntegerNode>(MsgPackReader.FromBytes(Hex.Bytes(hex))).Value);

    [Theory]
    [InlineData(0x3fe0000000000000L, "cb3fe0000000000000")] // 0.5
    [InlineData(unchecked((long)0x8000000000000000UL), "cb8000000000000000")] // -0.0
    [InlineData(0x7ff0000000000000L, "cb7ff0000000000000")] // +inf
    [InlineData(unchecked((long)0xfff0000000000000UL), "cbfff0000000000000")] // -inf
    [InlineData(0x7ff8000000000001L, "cb7ff8000000000001")] // a NaN with payload
    [InlineData(0x0000000000000001L, "cb0000000000000001")] // smallest subnormal
    public void Floats_are_float64_and_keep_their_bits(long bits, string hex)
    {
        var bytes = MsgPackWriter.ToBytes(new FloatNode(BitConverter.Int64BitsToDouble(bits)));

        Assert.Equal(hex, Hex.Of(bytes));
        Assert.Equal(bits, BitConverter.DoubleToInt64Bits(Assert.IsType<FloatNode>(MsgPackReader.FromBytes(bytes)).Value));
    }

    [Fact]
    public void Float32_on_input_reads_as_a_float_node() =>
        Assert.Equal(1.5, Assert.IsType<FloatNode>(MsgPackReader.FromBytes(Hex.Bytes("ca3fc00000"))).Value);

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void Strings_use_fixstr_then_str8_16_32(int length, string header)
    {
        var text = new string('a', length);

        var bytes = MsgPackWriter.ToBytes(new StringNode(text));

        Assert.Equal(header + Hex.Of(Encoding.ASCII.GetBytes(text)), Hex.Of(bytes));
        Assert.Equal(text, Assert.IsType<StringNode>(MsgPackReader.FromBytes(bytes)).Value);
    }

    [Fact]
    public void Strings_are_utf8() =>
        Assert.Equal("a5" + "68c3a96c6c", Hex.Of(MsgPackWriter.ToBytes(new StringNode("h\u00e9ll"))));

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65535, "c5ffff")]
    [InlineData(65536, "c600010000")]
    public void Bytes_use_bin8_16_32(int length, string header)
    {
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        var bytes = MsgPackWriter.ToBytes(new BytesNode(data));

        Assert.Equal(header + Hex.Of(data), Hex.Of(bytes));
        Assert.Equal(data, Assert.IsType<BytesNode>(MsgPackReader.FromBytes(bytes)).Value);
    }

    [Theory]
    [InlineData(0, "80")]
    [InlineData(15, "8f")]
    [InlineData(16, "de0010")]
    [InlineData(65535, "deffff")]
    [InlineData(65536, "df00010000")]
    public void Maps_use_fixmap_then_map16_32(int count, string header)
    {
        var map = new StateDict();
        for (var i = 0; i < count; i++) map.Add(i.ToString(CultureInfo.InvariantCulture), NullNode.Instance);

        var bytes = MsgPackWriter.ToBytes(map);

        Assert.StartsWith(header, Hex.Of(bytes));
        var back = Assert.IsType<StateDict>(MsgPackReader.FromBytes(bytes));
        Assert.Equal(map.Keys, back.Keys);
    }

    [Fact]
    public void Scalars_nil_and_bools_have_their_single_byte_codes()
    {
        var map = new StateDict { { "n", NullNode.Instance }, { "t", true }, { "f", false } };

        Assert.Equal("83" + "a16e" + "c0" + "a174" + "c3" + "a166" + "c2", Hex.Of(MsgPackWriter.ToBytes(map)));
    }

    // uint8 vector of n elements: ext payload = 93 | 91 | n | a5 "uint8" | bin header | n bytes.
    // Its length decides the ext header: fixext16 for 16 bytes, ext8 up to 255, ext16 up to 65535, then ext32.
    [Theory]
    [InlineData(5, "d801", "05", "c405")]            // 1+1+1+6+2+5 = 16 -> fixext16
    [InlineData(4, "c70f01", "04", "c404")]          // 15 bytes -> ext8
    [InlineData(243, "c7ff01", "ccf3", "c4f3")]      // 1+1+2+6+2+243 = 255 -> ext8
    [InlineData(244, "c8010001", "ccf4", "c4f4")]    // 256 -> ext16
    [InlineData(65521, "c8ffff01", "cdfff1", "c5fff1")] // 1+1+3+6+3+65521 = 65535 -> ext16
    [InlineData(65522, "c90001000001", "cdfff2", "c5fff2")] // 65536 -> ext32
    public void Array_ext_header_size_follows_the_payload_length(int n, string extHeader, string dim, string binHeader)
    {
        var data = Enumerable.Range(0, n).Select(i => (byte)(i * 7)).ToArray();
        var tensor = new NdArray<byte>(data, n);

        var bytes = MsgPackWriter.ToBytes(new TensorNode(tensor));

        var expected = extHeader + "93" + "91" + dim + "a5" + Hex.Of(Encoding.ASCII.GetBytes("uint8")) + binHeader + Hex.Of(data);
        Assert.Equal(expected, Hex.Of(bytes));
        var back = Assert.IsType<TensorNode>(MsgPackReader.FromBytes(bytes)).Tensor;
        Assert.Equal(data, back.AsBytes().ToArray());
    }

    [Fact]
    public void Complex_is_ext2_with_two_float64()
    {
        var bytes = MsgPackWriter.ToBytes(new ComplexNode(new System.Numerics.Complex(3, -4)));

        // payload: 92 cb <3.0> cb <-4.0> = 19 bytes -> ext8 c7 13 02
        Assert.Equal("c71302" + "92" + "cb4008000000000000" + "cbc010000000000000", Hex.Of(bytes));
    }

    [Fact]
    public void Complex_parts_written_as_ints_or_float32_read_too()
    {
        // payload 92 03 ca 3f800000 (7 bytes) -> ext8 c7 07 02
        var node = Assert.IsType<ComplexNode>(MsgPackReader.FromBytes(Hex.Bytes("c70702" + "92" + "03" + "ca3f800000")));

        Assert.Equal(new System.Numerics.Complex(3, 1), node.Value);
    }

    [Fact]
    public void Numpy_scalar_is_ext3_with_an_empty_shape()
    {
        var bytes = MsgPackWriter.ToBytes(NumpyScalarNode.From(2.5f));

        // payload: 93 90 a7 "float32" c4 04 <2.5f> = 1+1+8+2+4 = 16 -> fixext16 d8 03
        Assert.Equal("d803" + "9390" + "a7" + Hex.Of(Encoding.ASCII.GetBytes("float32")) + "c404" + "00002040", Hex.Of(bytes));
    }

    [Fact]
    public void Array_payload_with_non_minimal_encodings_reads()
    {
        // ext32 header, array16 of 3, shape as array16 with uint32 dim, dtype as str8, data as bin32.
        var payload = "dc0003" + "dc0001" + "ce00000002" + "d905" + Hex.Of(Encoding.ASCII.GetBytes("int16")) + "c600000004" + "0100ffff";
        var bytes = Hex.Bytes("c9" + (payload.Length / 2).ToString("x8", CultureInfo.InvariantCulture) + "01" + payload);

        var tensor = Assert.IsType<TensorNode>(MsgPackReader.FromBytes(bytes)).Tensor;

        Assert.Equal(DType.Int16, tensor.DType);
        Assert.Equal([2], tensor.Shape);
        Assert.Equal(new short[] { 1, -1 }, ((NdArray<short>)tensor).Data);
    }

    [Fact]
    public void Msgpack_arrays_read_as_maps_with_index_keys()
    {
        var map = Assert.IsType<StateDict>(MsgPackReader.FromBytes(Hex.Bytes("92" + "01" + "a178")));

        Assert.Equal(["0", "1"], map.Keys);
        Assert.Equal(1, Assert.IsType<IntegerNode>(map["0"]).Value);
        Assert.Equal("x", Assert.IsType<StringNode>(map["1"]).Value);
    }
}
