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

// Snapshot the persistent state (params and long-term statistics); short-term state is not in it.
var saved = StateTree.DeepClone(net.ToStateDict());
// (Saving `saved` to a .msgpack file and reading it back goes here once the file format lands.)

var restored = new SpikingNet(Inputs, Outputs, seed: 2); // different weights until loaded
var report = restored.LoadStateDict(saved);
Console.WriteLine($"\nloaded {report.LoadedCount} entries, problems: {report.Problems.Count}");

net.ResetState();
restored.ResetState();
var expected = net.Run(inputs);
var actual = restored.Run(inputs);
var identical = expected.Zip(actual).All(p => p.First.AsSpan().SequenceEqual(p.Second));
Console.WriteLine($"outputs identical after round trip: {identical}");
return identical ? 0 : 1;
