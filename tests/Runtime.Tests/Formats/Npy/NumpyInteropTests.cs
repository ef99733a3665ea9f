using System.Numerics;
using System.Text.Json;
using Checkpoint.Formats.Npy;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>
/// Files written here, read by the real numpy (Debian's python3-numpy, run by the test), and files numpy writes
/// from them, read back here. Skipped, saying why, only when /usr/bin/python3 has no numpy.
/// </summary>
public class NumpyInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("npy-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<DType> DTypes => TestArrays.NumpyDTypes();

    [NumpyTheory]
    [MemberData(nameof(DTypes))]
    public void Every_dtype_loads_in_numpy_and_is_byte_for_byte_what_np_save_writes(DType dtype)
    {
        int[][] shapes = [[2, 3], [], [0, 4], [5]];
        var paths = new List<string>();
        foreach (var shape in shapes)
        {
            paths.Add(Path.Combine(_dir, $"{dtype}-{paths.Count}.npy"));
            NpyCheckpoint.Save(paths[^1], TestArrays.Make(dtype, shape));
        }

        // One Python run for all shapes (starting numpy is the slow part).
        var results = JsonDocument.Parse(PythonNumpy.Run(ArrayChecks.PythonDescribe + """
            import io
            results = []
            for path in sys.argv[1:]:
                a = np.load(path)
                again = io.BytesIO()
                np.save(again, a)
                results.append({**describe(a), "same_as_np_save": again.getvalue() == open(path, "rb").read()})
            print(json.dumps(results))
            """, [.. paths])).RootElement.EnumerateArray().ToList();

        for (var i = 0; i < shapes.Length; i++)
        {
            var result = results[i];
            Assert.Equal(dtype.NumpyName(), result.GetProperty("dtype").GetString());
            Assert.Equal(shapes[i], result.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()));
            Assert.Equal(ArrayChecks.Sha256(TestArrays.Make(dtype, shapes[i])), result.GetProperty("sha256").GetString());
            Assert.True(result.GetProperty("same_as_np_save").GetBoolean(), $"{dtype}{TensorShape.Format(shapes[i])}: np.save writes other bytes");
        }
    }

    private static StateDict Tree() => new()
    {
        ["encoder"] = new StateDict { ["weight"] = new TensorNode(TestArrays.Make(DType.Float32, 3, 2)), ["bias"] = new TensorNode(TestArrays.Make(DType.Float32, 2)) },
        ["layers"] = new StateDict { ["0"] = new StateDict { ["w"] = new TensorNode(TestArrays.Make(DType.Float64, 2, 2)) } },
        ["step"] = new IntegerNode(7),
        ["huge"] = new IntegerNode(ulong.MaxValue),
        ["lr"] = new FloatNode(0.5),
        ["flag"] = new BoolNode(true),
        ["c"] = new ComplexNode(new Complex(1.5, -2)),
        ["tau"] = NumpyScalarNode.From(10f),
        ["empty"] = new TensorNode(TestArrays.Make(DType.Int32, 0, 3)),
        ["mask"] = new TensorNode(TestArrays.Make(DType.Bool, 4)),
        ["z"] = new TensorNode(TestArrays.Make(DType.Complex64, 2)),
        ["half"] = new TensorNode(TestArrays.Make(DType.Float16, 3)),
        ["u"] = new TensorNode(TestArrays.Make(DType.UInt64, 3)),
    };

    private static readonly string[] FlatNames =
        ["encoder.weight", "encoder.bias", "layers.0.w", "step", "huge", "lr", "flag", "c", "tau", "empty", "mask", "z", "half", "u"];

    [NumpyTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_npz_loads_in_numpy_and_np_savez_of_the_same_arrays_gives_the_same_members(bool compressed)
    {
        var path = Path.Combine(_dir, "tree.npz");
        NpzCheckpoint.Save(path, Tree(), options: new SaveOptions { Compressed = compressed });
        var result = JsonDocument.Parse(PythonNumpy.Run(ArrayChecks.PythonDescribe + """
            import io, zipfile
            with np.load(sys.argv[1]) as f:
                arrays = {k: f[k] for k in f.files}
                names = list(f.files)
            again = io.BytesIO()
            np.savez(again, **arrays)
            ours, theirs = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(again)
            print(json.dumps({
                "names": names,
                "arrays": {k: describe(v) for k, v in arrays.items()},
                "members": ours.namelist(), "numpy_members": theirs.namelist(),
                "different": [n for n in theirs.namelist() if ours.read(n) != theirs.read(n)],
                "methods": sorted({i.compress_type for i in ours.infolist()}),
                "crc_ok": ours.testzip() is None,
            }))
            """, path)).RootElement;

        Assert.Equal(FlatNames, result.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(result.GetProperty("numpy_members").EnumerateArray().Select(n => n.GetString()), result.GetProperty("members").EnumerateArray().Select(n => n.GetString()));
        Assert.Empty(result.GetProperty("different").EnumerateArray());
        Assert.Equal([compressed ? 8 : 0], result.GetProperty("methods").EnumerateArray().Select(m => m.GetInt32()));
        Assert.True(result.GetProperty("crc_ok").GetBoolean());

        var arrays = result.GetProperty("arrays");
        Assert.Equal("int64", arrays.GetProperty("step").GetProperty("dtype").GetString());
        Assert.Equal("uint64", arrays.GetProperty("huge").GetProperty("dtype").GetString());
        Assert.Equal("float64", arrays.GetProperty("lr").GetProperty("dtype").GetString());
        Assert.Equal("bool", arrays.GetProperty("flag").GetProperty("dtype").GetString());
        Assert.Equal("complex128", arrays.GetProperty("c").GetProperty("dtype").GetString());
        Assert.Equal("float32", arrays.GetProperty("tau").GetProperty("dtype").GetString());
        var tree = Tree();
        foreach (var name in new[] { "encoder.weight", "encoder.bias", "layers.0.w", "empty", "mask", "z", "half", "u" })
            Assert.Equal(ArrayChecks.Sha256((TensorNode)tree.GetPath(name)), arrays.GetProperty(name).GetProperty("sha256").GetString());
    }

    [NumpyFact]
    public void Arrays_go_from_here_through_numpy_and_back_unchanged()
    {
        var ours = Path.Combine(_dir, "ours.npz");
        var theirs = Path.Combine(_dir, "theirs.npz");
        var fortran = Path.Combine(_dir, "fortran.npy");
        NpzCheckpoint.Save(ours, Tree());
        // numpy re-saves everything compressed, one matrix transposed twice (Fortran order) and big-endian.
        PythonNumpy.Run("""
            import sys
            import numpy as np
            with np.load(sys.argv[1]) as f:
                arrays = {k: f[k] for k in f.files}
            arrays["layers.0.w"] = np.asfortranarray(arrays["layers.0.w"]).astype(">f8")
            np.savez_compressed(sys.argv[2], **arrays)
            np.save(sys.argv[3], np.asfortranarray(arrays["encoder.weight"]))
            """, ours, theirs, fortran);

        var original = Tree();
        var back = NpzCheckpoint.Load(theirs);
        Assert.Equal(original.Keys, back.Keys);
        foreach (var name in new[] { "encoder.weight", "encoder.bias", "layers.0.w", "empty", "mask", "z", "half", "u" })
        {
            var expected = (TensorNode)original.GetPath(name);
            var actual = Assert.IsType<TensorNode>(back.GetPath(name));
            Assert.Equal(expected.DType, actual.DType);
            Assert.Equal(expected.Shape, actual.Shape);
            Assert.Equal(ArrayChecks.Sha256(expected), ArrayChecks.Sha256(actual));
        }

        Assert.Equal(7L, ((NdArray<long>)((TensorNode)back["step"]).Tensor).Data[0]);
        Assert.Equal(ArrayChecks.Sha256((TensorNode)original.GetPath("encoder.weight")), ArrayChecks.Sha256(NpyCheckpoint.Load(fortran)));
    }
}
