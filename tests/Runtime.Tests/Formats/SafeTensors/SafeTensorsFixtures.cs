using System.Text.Json;

namespace Checkpoint.Runtime.Tests.Formats.SafeTensors;

/// <summary>The files of tests/Fixtures/safetensors (an independent Python writer) and their expected.json.</summary>
internal static class SafeTensorsFixtures
{
    private static readonly FixtureFolder Folder = new("safetensors");

    public static JsonElement Entry(string file) => Folder.Entry(file);

    public static string PathOf(string file) => Folder.PathOf(file);

    public static byte[] Bytes(string file) => Folder.Bytes(file);

    public static TheoryData<string> Names() => Folder.Named();
}
