using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats.Npy;

/// <summary>The numpy-written files of tests/Fixtures/numpy and their expected.json.</summary>
internal static class NumpyFixtures
{
    private static readonly FixtureFolder Folder = new("numpy");

    public static JsonElement Entry(string file) => Folder.Entry(file);

    public static string PathOf(string file) => Folder.PathOf(file);

    public static byte[] Bytes(string file) => Folder.Bytes(file);

    public static TheoryData<string> Named(string extension) => Folder.Named(extension);
}
