namespace Checkpoint.Storage.Tests.Contract;

public abstract partial class ObjectStorageContract
{
    [SkippableFact]
    public async Task A_large_object_uploaded_in_parallel_parts_reads_back_byte_identical()
    {
        var storage = await NewStorageAsync();
        var bytes = TestData.Bytes(40 * TestData.MiB + 12_345, seed: 40);
        var progress = new RecordingProgress();

        // Written in uneven pieces so parts fill across writes.
        var info = await storage.WriteAsync("big/model.msgpack", async (stream, token) =>
        {
            for (var offset = 0; offset < bytes.Length;)
            {
                var count = Math.Min(bytes.Length - offset, 700_001);
                await stream.WriteAsync(bytes.AsMemory(offset, count), token);
                offset += count;
            }
        }, new StorageWriteOptions { Progress = progress });

        Assert.Equal(bytes.Length, info.Length);
        Assert.Equal(bytes.Length, await storage.GetSizeAsync("big/model.msgpack"));
        var read = await TestData.ReadAllAsync(storage, "big/model.msgpack");
        Assert.True(bytes.AsSpan().SequenceEqual(read), "the object differs from what was written");
        await using var reader = await storage.OpenReaderAsync("big/model.msgpack");
        foreach (var offset in new long[] { 0, PartSize - 3, 7L * PartSize - 1, bytes.Length - 100 })
        {
            var range = new byte[100];
            await reader.ReadAsync(offset, range);
            Assert.Equal(bytes.AsSpan((int)offset, 100).ToArray(), range);
        }

        var reports = progress.Reports;
        Assert.Equal(bytes.Length, reports[^1]);
        Assert.True(reports.Count > 2, $"expected progress during the upload, got {reports.Count} report(s)");
        Assert.Equal(reports.Order().ToList(), reports);
    }

    [SkippableFact]
    public async Task A_synchronous_writer_uploads_in_parts_too()
    {
        var storage = await NewStorageAsync();
        var bytes = TestData.Bytes(3 * PartSize + 1, seed: 41);

        await storage.WriteAsync("sync.bin", (stream, _) =>
        {
            stream.Write(bytes, 0, bytes.Length / 2);
            stream.Write(bytes.AsSpan(bytes.Length / 2));
            return Task.CompletedTask;
        });

        var read = await TestData.ReadAllAsync(storage, "sync.bin");
        Assert.True(bytes.AsSpan().SequenceEqual(read), "the object differs from what was written");
    }

    [SkippableFact]
    public async Task A_cancelled_upload_leaves_nothing_visible()
    {
        var storage = await NewStorageAsync();
        using var cancel = new CancellationTokenSource();
        var piece = TestData.Bytes(PartSize / 2 + 1, seed: 42);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.WriteAsync("cancelled.bin", async (stream, token) =>
        {
            for (var i = 0; i < 100; i++)
            {
                await stream.WriteAsync(piece, token);
                if (i == 6) await cancel.CancelAsync(); // several parts are uploading or uploaded by now
            }
        }, cancellationToken: cancel.Token));

        Assert.Null(await storage.GetInfoAsync("cancelled.bin"));
        Assert.Empty(await TestData.NamesAsync(storage.ListAsync()));
    }

    [SkippableFact]
    public async Task A_commit_cancelled_before_it_starts_publishes_nothing()
    {
        var storage = await NewStorageAsync();
        await using var stream = await storage.CreateAsync("late.bin");
        await stream.WriteAsync(TestData.Bytes(2 * PartSize + 3, seed: 43));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.CommitAsync(new CancellationToken(canceled: true)));

        Assert.Null(await storage.GetInfoAsync("late.bin"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => stream.CommitAsync());
    }

    [SkippableFact]
    public async Task An_empty_object_can_be_written_and_read()
    {
        var storage = await NewStorageAsync();
        var progress = new RecordingProgress();

        var info = await storage.WriteAsync("empty", ReadOnlyMemory<byte>.Empty, new StorageWriteOptions { Progress = progress });

        Assert.Equal(0, info.Length);
        Assert.Equal(0, await storage.GetSizeAsync("empty"));
        Assert.Empty(await TestData.ReadAllAsync(storage, "empty"));
        Assert.Equal([0L], progress.Reports);
    }
}
