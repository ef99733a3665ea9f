// Usage: dotnet ResumeChild.dll <checkpoint> <last-epoch> <output>
// Resumes the run saved in <checkpoint>, trains until <last-epoch> is finished and saves the final checkpoint
// to <output>. Exit code 0 on success, 2 on bad arguments.
using System.Globalization;
using Checkpoint.Samples;

if (args.Length != 3 || !int.TryParse(args[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var lastEpoch))
{
    Console.Error.WriteLine("usage: ResumeChild <checkpoint> <last-epoch> <output>");
    return 2;
}

var run = TrainingRun.Resume(args[0]);
Console.WriteLine($"resumed after epoch {run.Epoch} (pid {Environment.ProcessId})");
while (run.Epoch < lastEpoch) run.TrainEpoch();
run.Save(args[2]);
Console.WriteLine($"saved after epoch {run.Epoch}");
return 0;
