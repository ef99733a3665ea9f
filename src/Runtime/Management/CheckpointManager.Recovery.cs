using Checkpoint.Storage;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    // Runs once, under the lock: no other manager can be writing, so whatever an unfinished save left is abandoned.
    private void Recover()
    {
        foreach (var leftover in Wait(Storage.RecoverStagingsAsync("", StepNames.IsOwnedPrefix)))
        {
            if (_logger is null) continue;
            if (leftover.Kind == StagingRecoveryKind.ReplacedVersionRestored)
                ManagerLog.RecoveredReplacement(_logger, DirectoryPath, $"restored {leftover.Prefix} from an interrupted replacement", leftover.Location);
            else
                ManagerLog.Recovered(_logger, DirectoryPath, Describe(leftover), leftover.Location);
        }

        // The rendezvous of a sharded save whose coordinator died: no save can be running while this manager opens.
        Wait(Storage.DeletePrefixAsync(StepNames.ShardingPrefix));
        Scan(removeUncommitted: true);
    }

    // Reads every step's manifest. A step whose manifest is missing was never committed (an interrupted save or
    // upload): the lock holder deletes it. Anything named like a manifest that cannot be read (corrupt, a link, a
    // FIFO) makes its step damaged, not absent: it is kept and reported.
    private void Scan(bool removeUncommitted = false)
    {
        var found = new List<StepRecord>();
        foreach (var prefix in Wait(Collect(Storage.ListPrefixesAsync(""))))
        {
            if (StepNames.ParseStep(prefix) is not { } step) continue;
            var read = Wait(StepVerifier.ReadManifestAsync(Storage, step, CancellationToken.None));
            if (!read.Exists)
            {
                if (!removeUncommitted) continue;
                var objects = Wait(Storage.DeletePrefixAsync(prefix));
                if (_logger is not null) ManagerLog.UncommittedRemoved(_logger, DirectoryPath, step, objects);
                continue;
            }

            if (read.Manifest is null && _logger is not null) ManagerLog.Damaged(_logger, DirectoryPath, step, read.Problem!);
            found.Add(new StepRecord(step, read.Manifest, read.Problem));
        }

        lock (_sync)
        {
            _steps.Clear();
            foreach (var record in found) _steps[record.Step] = record;
        }
    }

    // Ranks other than 0 do not own the storage: the steps rank 0 committed are read again when asked for.
    private void RefreshIfParticipant()
    {
        if (_lock is null && !_disposed) Scan();
    }

    private static string Describe(StagingRecovery leftover) => leftover.Kind switch
    {
        StagingRecoveryKind.AbandonedStagingRemoved => $"removed an unfinished save of {leftover.Prefix}",
        StagingRecoveryKind.InterruptedDeletionRemoved => $"removed an unfinished deletion of {leftover.Prefix}",
        _ => $"removed the replaced version of {leftover.Prefix}",
    };

    private static async Task<List<T>> Collect<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.ConfigureAwait(false)) list.Add(item);
        return list;
    }
}
