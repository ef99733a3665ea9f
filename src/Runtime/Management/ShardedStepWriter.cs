using System.Diagnostics;
using System.Globalization;
using Checkpoint.Storage;
using Microsoft.Extensions.Logging;

namespace Checkpoint.Management;

/// <summary>
/// One rank's part of a sharded save, coordinated through the storage itself (no MPI; docs/sharding.md):
/// <list type="number">
/// <item>every rank r ≥ 1 writes <c>.sharding/step_N/ready-r.json</c> with a fresh nonce;</item>
/// <item>rank 0 (which holds the manager's lock) waits for all of them, opens a new staging of <c>step_N</c> and writes
/// <c>intent.json</c>: the staging id and each rank's nonce (a rank joins only an intent naming its own nonce, so an
/// intent left by an earlier, killed run is never joined);</item>
/// <item>each rank writes its shard files into the staging (hashed on the way) and then <c>done-r.json</c> with their
/// sizes, XxHash128s and paths;</item>
/// <item>rank 0 checks that every shard is in the staging with its size, that no path is in two shards, checks its
/// lock, and writes the manifest last: the step exists from then on; then it deletes the rendezvous;</item>
/// <item>ranks r ≥ 1 return once they see the manifest of their staging.</item>
/// </list>
/// A rank that does not arrive in time makes rank 0 abandon the staging (no step appears) and delete the rendezvous,
/// which tells the others; <see cref="ShardingOptions.Timeout"/> bounds every wait.
/// </summary>
internal sealed class ShardedStepWriter(ObjectStorage storage, SaveOptions options, ShardingOptions sharding, ILogger? logger)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string? _unreadable;

    public Task<StepManifest> WriteAsync(
        long step, StateDict model, StateDict? optimizer, IReadOnlyDictionary<string, double> metrics,
        IReadOnlyDictionary<string, object?> metadata, Action beforeCommit, CancellationToken cancellationToken)
    {
        var parts = new List<(string File, ShardPart Part, StateDict Tree, IReadOnlyList<string> Paths)>();
        AddPart(parts, ShardPart.Model, model);
        if (optimizer is not null) AddPart(parts, ShardPart.Optimizer, optimizer);
        return sharding.Rank == 0
            ? CoordinateAsync(step, parts, metrics, metadata, beforeCommit, cancellationToken)
            : JoinAsync(step, parts, cancellationToken);
    }

    private string Rendezvous(long step) => StepNames.Rendezvous(step);

    private static string Ready(long step, int rank) => StorageNames.Join(StepNames.Rendezvous(step), Invariant($"ready-{rank}.json"));

    private static string Done(long step, int rank) => StorageNames.Join(StepNames.Rendezvous(step), Invariant($"done-{rank}.json"));

    private static string Intent(long step) => StorageNames.Join(StepNames.Rendezvous(step), "intent.json");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private void AddPart(List<(string, ShardPart, StateDict, IReadOnlyList<string>)> parts, ShardPart part, StateDict tree)
    {
        var (subtree, paths) = ShardTrees.PartOf(tree, sharding);
        parts.Add((StepNames.ShardFile(part, sharding.Rank, sharding.WorldSize), part, subtree, paths));
    }

    private async Task<StepManifest> CoordinateAsync(
        long step, List<(string File, ShardPart Part, StateDict Tree, IReadOnlyList<string> Paths)> parts,
        IReadOnlyDictionary<string, double> metrics, IReadOnlyDictionary<string, object?> metadata, Action beforeCommit, CancellationToken cancellationToken)
    {
        // Metadata that cannot be written fails now, before any rank is kept waiting on a staging.
        _ = ManifestSerializer.ToBytes(StepWriter.Manifest(step, metrics, metadata, new Dictionary<string, ManifestFileEntry>()));
        try
        {
            var nonces = await WaitForReadyAsync(step, cancellationToken).ConfigureAwait(false);
            var staged = await storage.StagePrefixAsync(StepNames.StepDirectory(step), StepNames.ManifestFile, null, cancellationToken).ConfigureAwait(false);
            await using (staged.ConfigureAwait(false))
            {
                await storage.WriteAsync(Intent(step), ShardMessages.Write(new ShardIntent(step, sharding.WorldSize, staged.StagingId, nonces)), null, cancellationToken)
                    .ConfigureAwait(false);
                var files = new Dictionary<string, ShardFile>(StringComparer.Ordinal);
                foreach (var (file, part, tree, paths) in parts)
                {
                    var entry = await StepWriter.WriteDataAsync(staged, file, tree, options, cancellationToken).ConfigureAwait(false);
                    files[file] = new ShardFile(entry, new ShardEntry(0, part, paths));
                }

                foreach (var done in await WaitForDoneAsync(step, staged.StagingId, nonces, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (name, file) in done.Files) files[name] = file;
                }

                await CheckShardsAsync(step, staged, files, cancellationToken).ConfigureAwait(false);
                var manifest = StepWriter.Manifest(step, metrics, metadata, files.ToDictionary(f => f.Key, f => f.Value.Entry, StringComparer.Ordinal)) with
                {
                    FormatVersion = StepManifest.ShardedFormatVersion,
                    Sharding = new ShardLayout(sharding.WorldSize, staged.StagingId,
                        files.OrderBy(f => f.Value.Shard.Rank).ThenBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Value.Shard, StringComparer.Ordinal)),
                };
                beforeCommit();
                await staged.CommitAsync(ManifestSerializer.ToBytes(manifest), cancellationToken).ConfigureAwait(false);
                if (logger is not null) ManagerLog.ShardWritten(logger, storage.Location, 0, sharding.WorldSize, step, parts.Sum(p => files[p.File].Entry.Size));
                return manifest;
            }
        }
        finally
        {
            // Committed or abandoned, the meeting is over; its disappearance tells waiting ranks (best effort: the next open removes it).
            await TryAsync(() => storage.DeletePrefixAsync(Rendezvous(step), CancellationToken.None)).ConfigureAwait(false);
        }
    }

    private async Task<Dictionary<int, string>> WaitForReadyAsync(long step, CancellationToken cancellationToken)
    {
        var nonces = new Dictionary<int, string>();
        while (true)
        {
            foreach (var rank in await ListRanksAsync(step, "ready-", cancellationToken).ConfigureAwait(false))
            {
                if (nonces.ContainsKey(rank) || rank < 1 || rank >= sharding.WorldSize) continue;
                if (await ReadAsync(Ready(step, rank), ShardMessages.ReadReady, cancellationToken).ConfigureAwait(false) is not { } ready) continue;
                if (ready.WorldSize != sharding.WorldSize || ready.Rank != rank)
                    throw Abandon(step, $"rank {rank} saves with a world size of {ready.WorldSize}, rank 0 with {sharding.WorldSize}");
                nonces[rank] = ready.Nonce;
            }

            if (nonces.Count == sharding.WorldSize - 1) return nonces;
            await PauseAsync(step, () => $"rank(s) {Missing(nonces.Keys)} did not join", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<List<ShardDone>> WaitForDoneAsync(long step, string stagingId, IReadOnlyDictionary<int, string> nonces, CancellationToken cancellationToken)
    {
        var done = new Dictionary<int, ShardDone>();
        while (true)
        {
            foreach (var rank in await ListRanksAsync(step, "done-", cancellationToken).ConfigureAwait(false))
            {
                if (done.ContainsKey(rank) || !nonces.TryGetValue(rank, out var nonce)) continue;
                if (await ReadAsync(Done(step, rank), ShardMessages.ReadDone, cancellationToken).ConfigureAwait(false) is not { } message) continue;
                if (message.StagingId != stagingId || message.Nonce != nonce || message.Rank != rank) continue; // another save's
                if (message.Error is { } error) throw Abandon(step, $"rank {rank} could not write its shard: {error}");
                foreach (var (name, file) in message.Files)
                {
                    if (name != StepNames.ShardFile(file.Shard.Part, rank, sharding.WorldSize))
                        throw Abandon(step, $"rank {rank} reports a shard named '{name}', not one of its own");
                }

                done[rank] = message;
            }

            if (done.Count == nonces.Count) return [.. done.Values];
            await PauseAsync(step, () => $"rank(s) {Missing(done.Keys)} did not finish writing their shards", cancellationToken).ConfigureAwait(false);
        }
    }

    // The manifest may only name what is durable in the staging, and each leaf once.
    private async Task CheckShardsAsync(long step, StagedPrefix staged, Dictionary<string, ShardFile> files, CancellationToken cancellationToken)
    {
        var present = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var item in staged.ListAsync(cancellationToken).ConfigureAwait(false)) present[item.Name] = item.Length;
        foreach (var (name, file) in files)
        {
            if (!present.TryGetValue(name, out var size) || size != file.Entry.Size)
                throw Abandon(step, $"the shard {name} of rank {file.Shard.Rank} is not in the staging with its {file.Entry.Size} bytes");
        }

        foreach (var part in files.Values.GroupBy(f => f.Shard.Part))
        {
            var owners = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var file in part)
            {
                foreach (var path in file.Shard.Paths)
                {
                    if (!owners.TryAdd(path, file.Shard.Rank))
                        throw Abandon(step, $"ranks {owners[path]} and {file.Shard.Rank} both saved the {ManifestSerializer.PartName(part.Key)} path '{path}'");
                }
            }
        }
    }

    private async Task<StepManifest> JoinAsync(long step, List<(string File, ShardPart Part, StateDict Tree, IReadOnlyList<string> Paths)> parts, CancellationToken cancellationToken)
    {
        var rank = sharding.Rank;
        var nonce = Guid.NewGuid().ToString("N");
        var ready = ShardMessages.Write(new ShardReady(rank, sharding.WorldSize, nonce));
        await storage.WriteAsync(Ready(step, rank), ready, null, cancellationToken).ConfigureAwait(false);
        ShardIntent intent;
        while (true)
        {
            if (await ReadAsync(Intent(step), ShardMessages.ReadIntent, cancellationToken).ConfigureAwait(false) is { } found
                && found.Nonces.TryGetValue(rank, out var named) && named == nonce)
            {
                intent = found;
                break;
            }

            // Rank 0 removes what an earlier run left when it opens: announce again if this rank's ready went with it.
            if (await storage.GetInfoAsync(Ready(step, rank), cancellationToken).ConfigureAwait(false) is null)
                await storage.WriteAsync(Ready(step, rank), ready, null, cancellationToken).ConfigureAwait(false);
            await PauseAsync(step, () => "rank 0 did not start it", cancellationToken, abandon: false).ConfigureAwait(false);
        }

        var files = new Dictionary<string, ShardFile>(StringComparer.Ordinal);
        string? error = null;
        try
        {
            var staged = await storage.StagePrefixAsync(StepNames.StepDirectory(step), StepNames.ManifestFile, new StagingOptions { StagingId = intent.StagingId }, cancellationToken)
                .ConfigureAwait(false);
            await using (staged.ConfigureAwait(false))
            {
                foreach (var (file, part, tree, paths) in parts)
                {
                    var entry = await StepWriter.WriteDataAsync(staged, file, tree, options, cancellationToken).ConfigureAwait(false);
                    files[file] = new ShardFile(entry, new ShardEntry(rank, part, paths));
                }
            }
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Rank 0 hears of it at once instead of waiting out its timeout.
            error = e.Message;
            await TryAsync(() => storage.WriteAsync(Done(step, rank), ShardMessages.Write(new ShardDone(rank, intent.StagingId, nonce, files, error)), null, CancellationToken.None))
                .ConfigureAwait(false);
            throw;
        }

        await storage.WriteAsync(Done(step, rank), ShardMessages.Write(new ShardDone(rank, intent.StagingId, nonce, files, null)), null, cancellationToken).ConfigureAwait(false);
        if (logger is not null) ManagerLog.ShardWritten(logger, storage.Location, rank, sharding.WorldSize, step, files.Values.Sum(f => f.Entry.Size));
        return await WaitForCommitAsync(step, intent.StagingId, cancellationToken).ConfigureAwait(false);
    }

    // Rank 0 deletes the rendezvous once the step is committed or abandoned; the manifest says which.
    private async Task<StepManifest> WaitForCommitAsync(long step, string stagingId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var meeting = await storage.GetInfoAsync(Intent(step), cancellationToken).ConfigureAwait(false);
            var read = await StepVerifier.ReadManifestAsync(storage, step, cancellationToken).ConfigureAwait(false);
            if (read.Manifest?.Sharding?.StagingId == stagingId) return read.Manifest;
            if (meeting is null)
                throw new CheckpointException($"Rank 0 abandoned the sharded save of step {step} in {storage.Location} (another rank did not finish in time, or failed); no step {step} was committed.");
            await PauseAsync(step, () => "rank 0 did not commit it", cancellationToken, abandon: false).ConfigureAwait(false);
        }
    }

    private async Task<List<int>> ListRanksAsync(long step, string kind, CancellationToken cancellationToken)
    {
        var ranks = new List<int>();
        var prefix = Rendezvous(step);
        await foreach (var item in storage.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            var name = StorageNames.Relative(item.Name, prefix);
            if (name.StartsWith(kind, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(kind.Length, name.Length - kind.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var rank))
                ranks.Add(rank);
        }

        return ranks;
    }

    // A small object of the rendezvous, or null when it is not there (yet, or any more) or not readable yet.
    private async Task<T?> ReadAsync<T>(string name, Func<byte[], T> parse, CancellationToken cancellationToken)
        where T : class
    {
        byte[] bytes;
        try
        {
            var reader = await storage.OpenReaderAsync(name, cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (reader.Length > ShardMessages.MaxBytes) throw new CheckpointException($"{reader.Location} is {reader.Length} bytes, more than a rendezvous message may have.");
                bytes = new byte[reader.Length];
                await reader.ReadAsync(0, bytes, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CheckpointNotFoundException)
        {
            return null;
        }

        try
        {
            return parse(bytes);
        }
        catch (FormatException e)
        {
            // Some stores (s3rver) show an object while it is still being written; a message that stays malformed
            // ends in the timeout, whose message quotes this.
            _unreadable = $"{storage.LocationOf(name)} is not a rendezvous message of a sharded save: {e.Message}";
            return null;
        }
    }

    private async Task PauseAsync(long step, Func<string> what, CancellationToken cancellationToken, bool abandon = true)
    {
        if (_clock.Elapsed >= sharding.Timeout)
        {
            var reason = $"{what()} within {sharding.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s"
                + (_unreadable is null ? "" : $" (last seen: {_unreadable})");
            if (abandon) throw Abandon(step, reason);
            throw new CheckpointException($"The sharded save of step {step} in {storage.Location} failed on rank {sharding.Rank}: {reason}; no step {step} was committed.");
        }

        await Task.Delay(sharding.PollInterval, cancellationToken).ConfigureAwait(false);
    }

    private CheckpointException Abandon(long step, string reason)
    {
        if (logger is not null) ManagerLog.ShardedSaveAbandoned(logger, storage.Location, step, reason);
        return new CheckpointException($"The sharded save of step {step} in {storage.Location} was abandoned: {reason}; no step {step} was committed.");
    }

    private string Missing(IEnumerable<int> arrived)
    {
        var seen = new HashSet<int>(arrived);
        return string.Join(", ", Enumerable.Range(1, sharding.WorldSize - 1).Where(r => !seen.Contains(r)));
    }

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Best effort; what stays is removed when a manager next opens the storage.
        }
    }
}
