using System.Text.Json;
using Checkpoint.Formats.SafeTensors;
using Checkpoint.Runtime.Tests.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>
/// Files written here, checked by an independent reader written from the format's description (Python json +
/// struct + numpy): every rule of the layout, and the tensor bytes. Skipped, saying why, only without numpy.
/// </summary>
public class SafeTensorsInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("safetensors-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string IndependentReader = ArrayChecks.PythonDescribe + """
        import struct
        NP = {"BOOL": "bool", "U8": "uint8", "I8": "int8", "I16": "int16", "U16": "uint16", "F16": "float16",
              "BF16": "uint16", "I32": "int32", "U32": "uint32", "F32": "float32", "C64": "complex64",
              "F64": "float64", "I64": "int64", "U64": "uint64"}
        data = open(sys.argv[1], "rb").read()
        (n,) = struct.unpack("<Q", data[:8])
        text = data[8:8 + n].decode("utf-8")
        assert n % 8 == 0, "the header is not padded to 8 bytes"
        assert text.rstrip(" ").endswith("}"), "the padding is not spaces"
        header = json.loads(text)
        metadata = header.pop("__metadata__", None)
        entries = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"])
        start, tensors, order = 0, {}, []
        for name, info in entries:
            begin, end = info["data_offsets"]
            assert begin == start, f"{name} is not contiguous"
            dtype = np.dtype(NP[info["dtype"]]).newbyteorder("<")
            count = int(np.prod(info["shape"], dtype=np.int64)) if info["shape"] else 1
            assert end - begin == count * dtype.itemsize, f"{name} has the wrong length"
            a = np.frombuffer(data[8 + n + begin:8 + n + end], dtype=dtype).reshape(info["shape"])
            tensors[name] = {**describe(a), "st_dtype": info["dtype"]}
            order.append(name)
            start = end
        assert 8 + n + start == len(data), "the data section is not covered exactly"
        print(json.dumps({"metadata": metadata, "tensors": tensors, "order": order, "keys": list(header)}))
        """;

    [NumpyFact]
    public void An_independent_reader_accepts_the_layout_and_reads_every_dtype()
    {
        var tree = new StateDict();
        var layer = new StateDict();
        tree["layer"] = layer;
        foreach (var dtype in Enum.GetValues<DType>())
            if (dtype != DType.Complex128) layer[dtype.NumpyName()] = new TensorNode(TestArrays.Make(dtype, 2, 3));
        tree["scalar"] = new TensorNode(TestArrays.Make(DType.Float64));
        tree["empty"] = new TensorNode(TestArrays.Make(DType.Int32, 0, 2));
        var path = Path.Combine(_dir, "every.safetensors");
        SafeTensorsCheckpoint.Save(path, tree, options: new SaveOptions { Metadata = new Dictionary<string, string> { ["format"] = "pt", ["é"] = "\"q\"" } });

        var result = JsonDocument.Parse(PythonNumpy.Run(IndependentReader, path)).RootElement;
        Assert.Equal("pt", result.GetProperty("metadata").GetProperty("format").GetString());
        Assert.Equal("\"q\"", result.GetProperty("metadata").GetProperty("é").GetString());
        // The header lists the tensors in the order of their data, as the reference writes it.
        Assert.Equal(result.GetProperty("order").EnumerateArray().Select(n => n.GetString()), result.GetProperty("keys").EnumerateArray().Select(n => n.GetString()));
        var tensors = result.GetProperty("tensors");
        foreach (var (name, node) in tree.Leaves())
        {
            var described = tensors.GetProperty(name);
            var tensor = (TensorNode)node;
            Assert.Equal(SafeTensorsDTypes.NameOf(tensor.DType), described.GetProperty("st_dtype").GetString());
            Assert.Equal(tensor.Shape, described.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(ArrayChecks.Sha256(tensor), described.GetProperty("sha256").GetString());
        }
    }
}
