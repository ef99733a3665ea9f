using Checkpoint.Storage.Azure;
using Checkpoint.Storage.S3;
using Checkpoint.Storage.Tests.Emulators;

namespace Checkpoint.Storage.Tests;

/// <summary>Locations as text (<see cref="StorageLocation.Parse"/>): the local disk built in, azure: and s3: registered by their packages.</summary>
public sealed class StorageLocationTests(S3rverFixture s3rver) : IClassFixture<S3rverFixture>
{
    [Theory]
    [InlineData("file:/data/run42", "/data/run42")]
    [InlineData("file:///data/run42", "/data/run42")]
    [InlineData("/data/run42", "/data/run42")]
    [InlineData("relative/run", null)]
    public void File_locations_and_plain_paths_are_the_local_disk(string text, string? root)
    {
        var storage = Assert.IsType<LocalFileStorage>(StorageLocation.Parse(text));
        Assert.Equal(root ?? Path.GetFullPath("relative/run"), storage.Root);
    }

    [Fact]
    public void Azure_locations_take_a_connection_string_a_container_and_a_prefix()
    {
        var text = $"azure:DefaultEndpointsProtocol=http;AccountName={Emulators.Emulators.AzuriteAccount};AccountKey={Emulators.Emulators.AzuriteKey};"
            + $"BlobEndpoint=http://127.0.0.1:10000/{Emulators.Emulators.AzuriteAccount};Container=ckpt;Prefix=runs/42";
        var storage = Assert.IsType<AzureBlobStorage>(StorageLocation.Parse(text));
        Assert.Equal($"http://127.0.0.1:10000/{Emulators.Emulators.AzuriteAccount}/ckpt/runs/42", storage.Location);
        Assert.Contains("azure", StorageLocation.Schemes);

        var e = Assert.Throws<ArgumentException>(() => StorageLocation.Parse("azure:UseDevelopmentStorage=true"));
        Assert.Contains("Container=", e.Message);
    }

    [SkippableFact]
    public async Task S3_locations_reach_a_compatible_endpoint_with_the_credentials_in_the_query()
    {
        var bucket = (await s3rver.NewStorageAsync(S3StorageOptions.MinPartSize)).Bucket;
        var storage = Assert.IsType<S3Storage>(StorageLocation.Parse(s3rver.LocationText(bucket)));
        Assert.Equal($"s3://{bucket}/{S3rverFixture.Prefix}", storage.Location);

        // A real round trip through the parsed storage.
        await storage.WriteAsync("hello.txt", "hi"u8.ToArray());
        Assert.Equal(2, await storage.GetSizeAsync("hello.txt"));
        Assert.Equal(2, await s3rver.Open(bucket).GetSizeAsync("hello.txt"));

        Assert.Equal("s3://my-bucket/runs/7", StorageLocation.Parse("s3:http://127.0.0.1:9/my-bucket/runs/7?access-key=a&secret-key=b").Location);
        Assert.Throws<ArgumentException>(() => StorageLocation.Parse("s3:http://127.0.0.1:9/?access-key=a&secret-key=b"));
    }

    [Fact]
    public void An_unknown_scheme_is_refused_naming_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => StorageLocation.Parse("gs://bucket/run"));
        Assert.Contains("gs:", e.Message);
        Assert.Contains("file:", e.Message);
    }

    [Fact]
    public void A_registered_scheme_parses_with_its_factory()
    {
        StorageLocation.Register("tmpdisk", value => new LocalFileStorage(Path.Combine(Path.GetTempPath(), value)));
        var storage = Assert.IsType<LocalFileStorage>(StorageLocation.Parse("tmpdisk:x/y"));
        Assert.Equal(Path.Combine(Path.GetTempPath(), "x/y"), storage.Root);
        Assert.Throws<ArgumentException>(() => StorageLocation.Register("1bad", _ => storage));
    }
}
