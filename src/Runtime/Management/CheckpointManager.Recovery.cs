using Checkpoint.Storage;

namespace Checkpoint.Management;

public sealed partial class CheckpointManager
{
    // Runs once, under the lock: no other manager can be writing, so every staging entry is abandoned.
    private void Recover()
    {
        var changed = false;
        var replaced = new List<(long Step, string Path)>();
        foreach (var entry in Directory.EnumerateFileSystemEntries(DirectoryPath))
        {
            var name = Path.GetFileName(entry);
            if (StepNames.ParseStaging(name, StepNames.TempPrefix) is { } written)
            {
                changed |= Remove(entry, $"an unfinished save of step {written}");
            }
            else if (StepNames.ParseStaging(name, StepNames.DeletePrefix) is { } deleted)
            {
                changed |= Remove(entry, $"an unfinished deletion of step {deleted}");
            }
            else if (StepNames.ParseStaging(name, StepNames.OldPrefix) is { } old)
            {
                replaced.Add((old, entry));
            }
            else if (StepNames.ParseStep(name) is { } step)
            {
                changed |= Load(step, entry);
            }
            else if (DirectoryLock.IsOwnerTemporary(name))
            {
                changed |= Remove(entry, "an unfinished record of the lock holder");
            }
        }

        foreach (var (step, path) in replaced)
        {
            // The previous version of a step being replaced: obsolete once the new one is committed, otherwise
            // (killed between the two renames) it is the committed version and goes back in place.
            if (_steps.ContainsKey(step))
            {
                changed |= Remove(path, $"the replaced version of step {step}");
            }
            else
            {
                var final = GetStepDirectory(step);
                _fileSystem.MoveDirectory(path, final);
                if (_logger is not null) ManagerLog.StepReplacementRecovered(_logger, DirectoryPath, step);
                changed = true;
                Load(step, final);
            }
        }

        if (changed) _fileSystem.SyncDirectory(DirectoryPath);
    }

    private bool Load(long step, string path)
    {
        if (new DirectoryInfo(path).LinkTarget is not null || !Directory.Exists(path))
        {
            // Never followed: a link could lead anywhere, and the manager only trusts what it wrote.
            if (_logger is not null) ManagerLog.StepEntryIgnored(_logger, DirectoryPath, path);
            return false;
        }

        // Anything named manifest.json (a FIFO, a link) makes the step damaged, not absent: it is kept and reported.
        if (!SafeFile.EntryExists(Path.Combine(path, StepNames.ManifestFile)))
            return Remove(path, $"step {step}, which has no committed manifest");

        var manifest = StepVerifier.ReadManifest(path, step, out var problem);
        if (manifest is null && _logger is not null)
            ManagerLog.StepDamaged(_logger, DirectoryPath, step, problem);
        _steps[step] = new StepRecord(step, path, manifest, problem);
        return false;
    }

    private bool Remove(string path, string what)
    {
        if (_logger is not null) ManagerLog.LeftoverRemoved(_logger, DirectoryPath, what, path);
        return SafeDelete.TryTree(_fileSystem, path);
    }
}
