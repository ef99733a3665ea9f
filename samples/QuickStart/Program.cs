using Checkpoint;
using QuickStart;
using QuickStart.Models;

const int Inputs = 16, Outputs = 3, Steps = 50;
var random = new Random(42);
var inputs = Enumerable.Range(0, Steps)
    .Select(_ => Enumerable.Range(0, Inputs).Select(_ => (float)(random.NextDouble() * 40)).ToArray())
    .ToList();

var net = new SpikingNet(Inputs, Outputs, seed: 1);
net.Run(inputs); // warm up: membrane potentials and spike counts change
StateTable.Print(net);

// Save the persistent state (params and long-term statistics; short-term state is never in it) to a
// braintools-compatible file that Python can read with braintools.file.msgpack_load.
var path = MsgPackCheckpoint.Save(Path.Combine(Path.GetTempPath(), "quickstart-snn.msgpack"), net);
Console.WriteLine($"\nsaved {path} ({new FileInfo(path).Length} bytes)");

var restored = new SpikingNet(Inputs, Outputs, seed: 2); // different weights until loaded
var report = MsgPackCheckpoint.Load(path, restored);
Console.WriteLine($"loaded {report.LoadedCount} entries, problems: {report.Problems.Count}");

net.ResetState();
restored.ResetState();
var expected = net.Run(inputs);
var actual = restored.Run(inputs);
var identical = expected.Zip(actual).All(p => p.First.AsSpan().SequenceEqual(p.Second));
Console.WriteLine($"outputs identical after round trip: {identical}");
return identical ? 0 : 1;
