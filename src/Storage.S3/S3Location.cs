using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Web;
using Amazon.S3;

namespace Checkpoint.Storage.S3;

/// <summary>
/// The <c>s3:</c> scheme of <see cref="StorageLocation"/>. <c>s3://BUCKET/PREFIX</c> is Amazon S3 with the SDK's usual
/// credentials and region (environment, profile, instance role). <c>s3:http://HOST:PORT/BUCKET/PREFIX</c> (or https) is a
/// compatible store at that endpoint (path-style addressing, see <see cref="S3Storage.CreateCompatibleClient"/>), with
/// the query keys <c>access-key</c> and <c>secret-key</c> (else <c>AWS_ACCESS_KEY_ID</c>/<c>AWS_SECRET_ACCESS_KEY</c>),
/// <c>region</c> and <c>conditional-writes=false</c> for stores that ignore conditional headers (s3rver).
/// Registered when this package loads.
/// </summary>
public static class S3Location
{
    /// <summary>The scheme.</summary>
    public const string Scheme = "s3";

    /// <summary>Parses what follows <c>s3:</c>.</summary>
    /// <exception cref="ArgumentException">No bucket, or a malformed URL.</exception>
    public static S3Storage Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith("//", StringComparison.Ordinal))
        {
            var (bucket, prefix) = BucketAndPrefix(value[2..], value);
            return new S3Storage(new AmazonS3Client(), bucket, prefix);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'s3:{value}' is neither s3://BUCKET/PREFIX nor s3:http(s)://HOST:PORT/BUCKET/PREFIX.", nameof(value));
        var query = HttpUtility.ParseQueryString(url.Query);
        var (bucketName, keyPrefix) = BucketAndPrefix(url.AbsolutePath.TrimStart('/'), value);
        var accessKey = query["access-key"] ?? Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")
            ?? throw new ArgumentException($"'s3:{value}' needs access-key= (or AWS_ACCESS_KEY_ID).", nameof(value));
        var secretKey = query["secret-key"] ?? Environment.GetEnvironmentVariable("AWS_SECRET_ACCESS_KEY")
            ?? throw new ArgumentException($"'s3:{value}' needs secret-key= (or AWS_SECRET_ACCESS_KEY).", nameof(value));
        var endpoint = new Uri(url.GetLeftPart(UriPartial.Authority));
        var client = S3Storage.CreateCompatibleClient(endpoint, accessKey, secretKey, query["region"] ?? "us-east-1");
        var options = new S3StorageOptions { ConditionalWrites = !string.Equals(query["conditional-writes"], "false", StringComparison.OrdinalIgnoreCase) };
        return new S3Storage(client, bucketName, keyPrefix, options);
    }

    private static (string Bucket, string Prefix) BucketAndPrefix(string path, string value)
    {
        var slash = path.IndexOf('/');
        var bucket = slash < 0 ? path : path[..slash];
        if (bucket.Length == 0) throw new ArgumentException($"'s3:{value}' names no bucket.", nameof(value));
        return (bucket, slash < 0 ? "" : Uri.UnescapeDataString(path[(slash + 1)..].TrimEnd('/')));
    }

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Registers the s3: scheme with StorageLocation when the package is loaded; it only adds a parser.")]
    internal static void Register() => StorageLocation.Register(Scheme, Parse);
}
