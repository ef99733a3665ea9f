using Checkpoint;

// Usage: CrashWriter <path> <elements> <first iteration>
// Saves {"iteration": i, "data": float32[elements] filled with i} to <path> again and again (i = first, first + 1, ...),
// printing "saved i" after each completed save, until it is killed. The atomicity test kills it at random
// moments and checks that <path> always holds one complete save.
if (args.Length != 3 || !int.TryParse(args[1], out var elements) || !int.TryParse(args[2], out var first))
{
    Console.Error.WriteLine("usage: CrashWriter <path> <elements> <first iteration>");
    return 2;
}

var path = args[0];
var data = new float[elements];
Console.WriteLine("started");
for (var iteration = first; ; iteration++)
{
    Array.Fill(data, iteration);
    var tree = new Dictionary<string, object?> { ["iteration"] = iteration, ["data"] = data };
    MsgPackCheckpoint.Save(path, tree);
    Console.WriteLine($"saved {iteration}");
}
