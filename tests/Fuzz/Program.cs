using Checkpoint.Fuzz;
using SharpFuzz;

// Usage (run.sh wraps it):
//   Checkpoint.Fuzz list                   the targets
//   Checkpoint.Fuzz seeds TARGET DIR       writes TARGET's seed corpus into DIR
//   Checkpoint.Fuzz TARGET                 fuzzes TARGET under afl-fuzz (SharpFuzz's fork server; input from AFL)
//   Checkpoint.Fuzz TARGET FILE...         replays inputs once each and says what happened (reproduces a finding)
if (args is ["list"])
{
    foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name,-16} {t.Description}");
    return 0;
}

if (args is ["seeds", var seedTarget, var directory])
{
    var target = Find(seedTarget);
    Directory.CreateDirectory(directory);
    foreach (var (name, bytes) in target.Seeds(Seeds.FindRepository())) File.WriteAllBytes(Path.Combine(directory, name), bytes);
    return 0;
}

if (args is [var fuzzTarget])
{
    var target = Find(fuzzTarget);
    // Out of process: a stack overflow or a hard crash in the reader is reported as a crash, not lost with the server.
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        _ = target.Run(buffer.ToArray());
    });
    return 0;
}

if (args is [var replayTarget, .. var files] && files.Length > 0)
{
    var target = Find(replayTarget);
    var crashed = 0;
    foreach (var file in files)
    {
        try
        {
            var refused = target.Run(File.ReadAllBytes(file));
            Console.WriteLine(refused is null ? $"{file}: read" : $"{file}: refused ({refused.GetType().Name}: {refused.Message})");
        }
        catch (Exception e)
        {
            crashed++;
            Console.WriteLine($"{file}: CRASH {e.GetType().FullName}: {e.Message}");
            Console.WriteLine(e.StackTrace);
        }
    }

    return crashed == 0 ? 0 : 1;
}

Console.Error.WriteLine("usage: Checkpoint.Fuzz list | seeds TARGET DIR | TARGET | TARGET FILE...");
return 2;

static FuzzTarget Find(string name) =>
    FuzzTargets.Find(name) ?? throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))}");
