// The BrainPy guide's "Using NumPy (Arrays Only)" section, in C#:
//
//   params = net.states(brainstate.ParamState)
//   param_dict = {name: np.array(state.value) for name, state in params.items()}
//   np.savez('model_params.npz', **param_dict)
//
//   loaded = np.load('model_params.npz')
//   for name, array in loaded.items():
//       net.states(brainstate.ParamState)[name].value = jnp.array(array)
//
// dotnet run --project samples/NumpyInterop [-- --out DIR]   (DIR keeps model_params.npz; default: a temporary directory)
// Exits with code 1 if a check fails. The file loads in numpy: np.load('DIR/model_params.npz').
using Checkpoint;
using Checkpoint.Samples;

var keep = args.Length == 2 && args[0] == "--out" ? args[1] : null;
var dir = keep ?? Directory.CreateTempSubdirectory("checkpoint-numpy-").FullName;
try
{
    var net = new Mlp(nInput: 4, nHidden: 8, nOutput: 2, seed: 7);

    // Save parameters as .npz: the parameters' state dictionary, named by their dotted paths.
    var path = NpzCheckpoint.Save(Path.Combine(dir, "model_params.npz"), net.ToStateDict(StateKinds.Param));

    // Load parameters: np.load opens the archive lazily; each array is read when asked for.
    using (var loaded = NpzCheckpoint.Open(path))
    {
        foreach (var name in loaded.Names)
        {
            var array = (TensorNode)loaded.Root.GetPath(name);
            Console.WriteLine($"  {name,-15} {array.DType.NumpyName()} {TensorShape.Format(array.Shape)}");
        }
    }

    // ... and into a network whose weights differ: every name, shape and dtype is checked before anything changes.
    var other = new Mlp(nInput: 4, nHidden: 8, nOutput: 2, seed: 99);
    var report = NpzCheckpoint.Load(path, other, new LoadOptions { Kinds = StateKinds.Param });

    float[] x = [0.5f, -1f, 0.25f, 2f];
    var same = report.Problems.Count == 0 && net.Predict(x).SequenceEqual(other.Predict(x));
    Console.WriteLine(same
        ? $"NumpyInterop: {report.Loaded.Count} arrays saved to model_params.npz and loaded back; predictions match"
        : "NumpyInterop: FAILED: the loaded network predicts differently");
    return same ? 0 : 1;
}
finally
{
    if (keep is null) Directory.Delete(dir, recursive: true);
}
