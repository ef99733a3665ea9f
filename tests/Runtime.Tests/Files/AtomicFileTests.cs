using Checkpoint.Storage;

namespace Checkpoint.Runtime.Tests.Files;

public class AtomicFileTests
{
    private static string[] OtherFiles(TempDirectory dir, string keep) =>
        Directory.GetFiles(dir.Path).Where(f => f != keep).ToArray();

    [Fact]
    public void A_writer_that_fails_leaves_the_previous_file_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.bin");
        AtomicFile.Write(path, s => s.Write([1, 2, 3]));
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Empty(OtherFiles(dir, path));
    }

    [Fact]
    public void Cancellation_leaves_the_previous_file_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        var path = dir.File("x.bin");
        AtomicFile.Write(path, s => s.Write([7]));
        using var cts = new CancellationTokenSource();
        Assert.ThrowsAny<OperationCanceledException>(() => AtomicFile.Write(path, s =>
        {
            s.Write([8, 9]);
            cts.Cancel();
        }, cancellationToken: cts.Token));
        Assert.Equal([7], File.ReadAllBytes(path));
        Assert.Empty(OtherFiles(dir, path));
    }

    [Fact]
    public async Task The_async_form_writes_and_cleans_up_the_same_way()
    {
        using var dir = new TempDirectory();
        var path = await AtomicFile.WriteAsync(dir.File("sub/x.bin"), (s, ct) => s.WriteAsync(new byte[] { 4, 5 }, ct).AsTask());
        Assert.Equal([4, 5], File.ReadAllBytes(path));
        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, (_, _) => throw new IOException("no")));
        Assert.Equal([4, 5], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Temporary_files_are_recognised_refused_as_checkpoints_and_cleaned_when_stale()
    {
        using var dir = new TempDirectory();
        var checkpoint = MsgPackCheckpoint.Save(dir.File("model.msgpack"), new Dictionary<string, object?> { ["v"] = 1 });
        var temp = AtomicFile.TemporaryPathFor(checkpoint);
        File.Copy(checkpoint, temp); // even a complete temporary file is never a checkpoint
        Assert.True(AtomicFile.IsTemporaryFile(temp));
        Assert.False(AtomicFile.IsTemporaryFile(checkpoint));
        Assert.Contains("temporary file", Assert.Throws<CheckpointException>(() => MsgPackCheckpoint.Load(temp)).Message);

        Assert.Equal(0, AtomicFile.DeleteStaleTemporaryFiles(dir.Path, TimeSpan.FromHours(1)));
        File.SetLastWriteTimeUtc(temp, DateTime.UtcNow.AddHours(-2));
        Assert.Equal(1, AtomicFile.DeleteStaleTemporaryFiles(dir.Path, TimeSpan.FromHours(1)));
        Assert.Equal([checkpoint], Directory.GetFiles(dir.Path));
    }
}
