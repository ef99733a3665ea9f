using Checkpoint;

// Usage: CrashWriter <path> <elements>
// Saves {"iteration": i, "data": float32[elements] filled with i} to <path> again and again (i = 0, 1, ...),
// printing "saved i" after each completed save, until it is killed. The atomicity test kills it at random
// moments and checks that <path> always holds one complete save.
if (args.Length != 2 || !int.TryParse(args[1], out var elements))
{
    Console.Error.WriteLine("usage: CrashWriter <path> <elements>");
    return 2;
}

var path = args[0];
var data = new float[elements];
Console.WriteLine("started");
for (var iteration = 0; ; iteration++)
{
    Array.Fill(data, iteration);
    var tree = new Dictionary<string, object?> { ["iteration"] = iteration, ["data"] = data };
    MsgPackCheckpoint.Save(path, tree);
    Console.WriteLine($"saved {iteration}");
}
