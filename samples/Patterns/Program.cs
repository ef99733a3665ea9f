// dotnet run --project samples/Patterns -- <pattern> | all
// Each pattern works in its own temporary directory, prints what it does and checks its own result.
using Checkpoint.Patterns;

var patterns = new (string Name, string Summary, Action<string> Run)[]
{
    ("periodic", "save every N epochs", PeriodicCheckpoints.Run),
    ("best", "keep the model with the best validation loss", BestModel.Run),
    ("resume", "continue training exactly where it stopped", ResumeTraining.Run),
    ("versioned", "timestamped checkpoints that never overwrite", VersionedCheckpoints.Run),
    ("export", "minimal file for inference, loaded from its config", ExportAndInference.Run),
    ("config", "config records: GetConfig / FromConfig", ConfigBasedModel.Run),
    ("migration", "load a version 1.0 file into version 2.0 code", Migration.Run),
    ("partial", "load only the encoder; transfer to a new head", PartialLoading.Run),
    ("zoo", "named models with metadata in a directory", Zoo.Run),
    ("session", "training session: latest and best checkpoints, restore", TrainingSession.Run),
    ("safe", "architecture changed: report missing and unexpected, load the rest", SafeLoad.Run),
};

var wanted = args.Length == 1 ? args[0] : "";
var selected = wanted == "all" ? patterns : patterns.Where(p => p.Name == wanted).ToArray();
if (selected.Length == 0)
{
    Console.Error.WriteLine("usage: Patterns <pattern> | all");
    foreach (var p in patterns) Console.Error.WriteLine($"  {p.Name,-10} {p.Summary}");
    return 2;
}

var failed = 0;
foreach (var (name, summary, run) in selected)
{
    var dir = Directory.CreateTempSubdirectory("checkpoint-pattern-").FullName;
    Console.WriteLine($"== {name}: {summary}");
    try
    {
        run(dir);
        Console.WriteLine($"   ok");
    }
    catch (Exception e)
    {
        failed++;
        Console.WriteLine($"   FAILED: {e.Message}");
    }
    finally
    {
        Directory.Delete(dir, recursive: true);
    }
}

return failed == 0 ? 0 : 1;
