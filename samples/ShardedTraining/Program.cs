using System.Globalization;
using ShardedTraining;

// Data-parallel training by 4 processes that checkpoint through CheckpointManager's sharded saves: every rank saves
// its part of the state as its own shard file, rank 0 commits each step once all shards are durable.
//
//   dotnet run --project samples/ShardedTraining -- --storage file:/tmp/run            train 60 steps, a checkpoint every 10
//   dotnet run --project samples/ShardedTraining -- --storage file:/tmp/run --kill-at 30   ... rank 2 is killed (SIGKILL) in the save of step 30
//   dotnet run --project samples/ShardedTraining -- --storage file:/tmp/run --resume       continue from the newest intact step
//
// --storage takes any StorageLocation: file:DIR, azure:CONNECTION-STRING;Container=NAME;Prefix=P,
// s3://BUCKET/PREFIX or s3:http://HOST:PORT/BUCKET/PREFIX?access-key=..&secret-key=..&conditional-writes=false.
// This process is the launcher: it starts the ranks (this program with --worker) and averages their gradients
// (the all-reduce a real job gets from NCCL or MPI; the checkpoints need nothing of the kind: the ranks meet
// through the storage). At the end it verifies every step of the storage and restores the newest one.
var options = Options.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: ShardedTraining --storage LOCATION [--steps N] [--save-every K] [--kill-at STEP] [--resume]");
    return 2;
}

return options.Worker is { } rank
    ? Worker.Run(options, rank)
    : await Launcher.RunAsync(options);

namespace ShardedTraining
{
    /// <summary>The command line, shared by the launcher and the workers it starts.</summary>
    internal sealed record Options(string Storage, int Steps, int SaveEvery, int? KillAt, bool Resume, int? Worker)
    {
        public const int WorldSize = 4;

        /// <summary>The arguments a worker of rank <paramref name="rank"/> is started with.</summary>
        public IEnumerable<string> WorkerArguments(int rank) =>
            ["--storage", Storage, "--steps", I(Steps), "--save-every", I(SaveEvery), "--worker", I(rank)];

        public static Options? Parse(string[] args)
        {
            string? storage = null;
            int steps = 60, saveEvery = 10;
            int? killAt = null, worker = null;
            var resume = false;
            for (var i = 0; i < args.Length; i++)
            {
                var hasValue = i + 1 < args.Length;
                switch (args[i])
                {
                    case "--storage" when hasValue: storage = args[++i]; break;
                    case "--steps" when hasValue && int.TryParse(args[i + 1], out steps): i++; break;
                    case "--save-every" when hasValue && int.TryParse(args[i + 1], out saveEvery): i++; break;
                    case "--kill-at" when hasValue && int.TryParse(args[i + 1], out var kill): killAt = kill; i++; break;
                    case "--worker" when hasValue && int.TryParse(args[i + 1], out var rank): worker = rank; i++; break;
                    case "--resume": resume = true; break;
                    default: return null;
                }
            }

            return storage is null || steps < 1 || saveEvery < 1 ? null : new Options(storage, steps, saveEvery, killAt, resume, worker);
        }

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
