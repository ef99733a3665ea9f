// Your own tensor type in a checkpoint, through the one seam Checkpoint has for that: INdArray.
// PagedNativeTensor keeps its elements in native pages (think device buffers, TorchSharp or ONNX Runtime memory);
// saving streams its pages into the file and loading fills them in place, with no copy through a managed array.
// The same tree (and the generated Encoder model, Encoder.cs) holds the platform's System.Numerics.Tensors.Tensor<T> and Checkpoint's NdArray<T>: the two
// namespaces are imported together without a name clash.
//
// dotnet run --project samples/ForeignTensor
// Exits with code 1 if a check fails.
using System.Numerics.Tensors;
using Checkpoint;
using Checkpoint.ForeignTensor;

var dir = Directory.CreateTempSubdirectory("checkpoint-foreign-").FullName;
var failures = 0;
try
{
    // 768 x 1000 float32 = 3,072,000 bytes in pages of 1 MiB: three native allocations, the last one partly used.
    using var weights = new PagedNativeTensor(DType.Float32, [768, 1000]);
    for (long i = 0; i < weights.Length; i++) weights.SetFloat(i, MathF.Sin(i * 0.001f));
    Tensor<float> bias = Tensor.Create(Enumerable.Range(0, 1000).Select(i => i / 1000f).ToArray(), [1000]);
    NdArray<float> scale = NdArray<float>.Full(0.5f, 1000);
    var tree = new Dictionary<string, object?> { ["weights"] = weights, ["bias"] = bias, ["scale"] = scale };

    var path = MsgPackCheckpoint.Save(Path.Combine(dir, "encoder.msgpack"), tree);
    Console.WriteLine($"saved {weights.PageCount} native pages, a Tensor<float> and an NdArray<float> to {Path.GetFileName(path)} ({new FileInfo(path).Length:N0} bytes)");

    // In the file they are plain arrays (what Python's braintools reads back as numpy arrays).
    using (var file = MsgPackCheckpoint.Open(path))
    {
        foreach (var key in new[] { "weights", "bias", "scale" })
            Console.WriteLine($"  {key}: {((StateDict)file.Root)[key]}");
    }

    // Load in place: the native pages of an existing tensor are filled straight from the file.
    using var loadedWeights = new PagedNativeTensor(DType.Float32, [768, 1000]);
    var target = new Dictionary<string, object?>
    {
        ["weights"] = loadedWeights,
        ["bias"] = Tensor.Create(new float[1000], [1000]),
        ["scale"] = NdArray<float>.Zeros(1000),
    };
    MsgPackCheckpoint.Restore(path, target);

    Check("weights came back bit for bit into native pages", SameBytes(weights, loadedWeights));
    Check("the Tensor<float> came back with its shape", SameBytes(NdArray<float>.FromTensor(bias), NdArray<float>.FromTensor((Tensor<float>)target["bias"]!)));
    Check("the NdArray<float> came back", scale.Equals(target["scale"]));

    // The same tensor type as a member of a generated model: saved from its pages; loaded into a null member, which
    // the load creates through INdArrayFactory<PagedNativeTensor>.Create with the file's dtype and shape.
    var encoder = new Encoder { Weights = weights, Bias = bias };
    encoder.ResetState();
    var modelPath = MsgPackCheckpoint.Save(Path.Combine(dir, "model.msgpack"), encoder);
    var restored = new Encoder();
    MsgPackCheckpoint.Load(modelPath, restored);
    using (restored.Weights)
    {
        Check("a model member of your own type came back, created by its factory", restored.Weights is not null && SameBytes(weights, restored.Weights));
        Check("the model's Tensor<float> member came back", SameBytes(NdArray<float>.FromTensor(bias), NdArray<float>.FromTensor(restored.Bias)));
        Check("ResetState filled the short-term native tensor", encoder.Activity.GetFloat(999) == 0.5f);
    }

    encoder.Activity.Dispose();
    restored.Activity.Dispose();

    // A tensor of another shape is refused before anything changes, naming the path.
    using var wrongShape = new PagedNativeTensor(DType.Float32, [10, 10]);
    try
    {
        MsgPackCheckpoint.Restore(path, new Dictionary<string, object?> { ["weights"] = wrongShape, ["bias"] = bias, ["scale"] = scale });
        Check("a wrong shape is refused", false);
    }
    catch (StateMismatchException e)
    {
        Console.WriteLine($"  refused as expected: {e.Message.Split('\n')[1].Trim()}");
        Check("a wrong shape is refused", e.Message.Contains("'weights'"));
    }
}
finally
{
    Directory.Delete(dir, recursive: true);
}

return failures == 0 ? 0 : 1;

void Check(string what, bool ok)
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
    if (!ok) failures++;
}

// Compares two tensors piece by piece (they may split their bytes differently).
static bool SameBytes(INdArray a, INdArray b)
{
    if (a.DType != b.DType || !TensorShape.Equal(a.Shape, b.Shape)) return false;
    var (left, right) = (new byte[64 * 1024], new byte[64 * 1024]);
    for (long offset = 0; offset < a.ByteLength; offset += left.Length)
    {
        var length = (int)Math.Min(left.Length, a.ByteLength - offset);
        a.ReadBytes(offset, left.AsSpan(0, length));
        b.ReadBytes(offset, right.AsSpan(0, length));
        if (!left.AsSpan(0, length).SequenceEqual(right.AsSpan(0, length))) return false;
    }

    return true;
}
