using Amazon.Runtime;
using Amazon.S3.Model;
using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Contract;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests;

/// <summary>What only S3 does: multipart uploads; a lock object that expires and is renewed.</summary>
public sealed class S3BehaviourTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    [SkippableFact]
    public async Task A_large_object_is_a_multipart_upload_of_parallel_parts()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        var bytes = TestData.Bytes(3 * S3StorageOptions.MinPartSize + 1, seed: 1);
        var requests = new System.Collections.Concurrent.ConcurrentBag<string>();
        void Record(object? sender, RequestEventArgs e)
        {
            if (e is WebServiceRequestEventArgs request) requests.Add(request.Request.GetType().Name);
        }

        s3rver.Client.BeforeRequestEvent += Record;
        try
        {
            await storage.WriteAsync("step_1/model.msgpack", bytes);
        }
        finally
        {
            s3rver.Client.BeforeRequestEvent -= Record;
        }

        Assert.Equal(4, requests.Count(r => r == nameof(UploadPartRequest)));
        Assert.Equal(1, requests.Count(r => r == nameof(CompleteMultipartUploadRequest)));
        Assert.DoesNotContain(nameof(PutObjectRequest), requests);
        var read = await TestData.ReadAllAsync(storage, "step_1/model.msgpack");
        Assert.True(bytes.AsSpan().SequenceEqual(read));
    }

    [SkippableFact]
    public async Task A_renewed_lock_outlives_its_lease_duration()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        await using var held = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "A", LeaseDuration = TimeSpan.FromSeconds(1.5) });

        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.True(held.IsHeld);
        var refused = await Assert.ThrowsAsync<StorageLockedException>(() => storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "B" }));
        Assert.Equal("A", refused.Holder);
    }

    [SkippableFact]
    public async Task An_expired_lock_of_a_crashed_holder_is_taken_over()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        await storage.WriteAsync(".lock", TestData.Utf8("{\"owner\":\"crashed\",\"expires\":\"2000-01-01T00:00:00.0000000+00:00\"}"));

        await using var held = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "B" });

        Assert.True(held.IsHeld);
        Assert.Contains("\"B\"", System.Text.Encoding.UTF8.GetString(await TestData.ReadAllAsync(storage, ".lock")));
    }

    [SkippableFact]
    public async Task An_object_that_is_not_a_lock_is_never_taken_over()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        await storage.WriteAsync(".lock", TestData.Utf8("not json"));

        var error = await Assert.ThrowsAsync<CheckpointException>(() => storage.AcquireLockAsync(".lock"));

        Assert.Contains("not a lock object", error.Message);
    }

    [SkippableFact]
    public async Task A_released_lock_object_is_deleted()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        var held = await storage.AcquireLockAsync(".lock");

        await held.ReleaseAsync();

        Assert.Null(await storage.GetInfoAsync(".lock"));
    }

    [SkippableFact]
    public async Task A_released_lock_is_deleted_even_when_a_renewal_the_holder_never_saw_landed_and_a_successors_lock_never_is()
    {
        var storage = await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize);
        var held = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "A", LeaseDuration = TimeSpan.FromSeconds(60) });
        // A renewal cancelled by the release after its PUT reached the store: a new version, same owner, unseen ETag.
        await storage.WriteAsync(".lock", LockBody("A"));

        await held.ReleaseAsync();

        Assert.Null(await storage.GetInfoAsync(".lock"));

        // A holder whose lock another took over (its lease ran out) leaves the successor's lock alone.
        var lost = await storage.AcquireLockAsync(".lock", new StorageLockOptions { OwnerId = "A", LeaseDuration = TimeSpan.FromSeconds(60) });
        await storage.WriteAsync(".lock", LockBody("B"));
        await lost.ReleaseAsync();
        Assert.Contains("\"B\"", System.Text.Encoding.UTF8.GetString(await TestData.ReadAllAsync(storage, ".lock")));
    }

    private static byte[] LockBody(string owner) =>
        TestData.Utf8($"{{\"owner\":\"{owner}\",\"expires\":\"{DateTimeOffset.UtcNow.AddMinutes(1):O}\"}}");
}
