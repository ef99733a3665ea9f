using System.Text;
using Checkpoint.Generated;

namespace Checkpoint.Runtime.Tests.Management;

/// <summary>A hand-written model whose every value derives from one number, so restored content identifies the step.</summary>
internal sealed class FilledModel : IStateful
{
    public FilledModel(int elements = 64) => Weight = NdArray<float>.Zeros(elements);

    public NdArray<float>? Weight { get; set; }
    public long Counter { get; set; }

    public void VisitState(StateVisitor visitor)
    {
        Files.Visit.Member(visitor, "weight", StateKinds.Param, Weight, v => Weight = v, NdArrayCodec<float>.Instance);
        Files.Visit.Member(visitor, "counter", StateKinds.LongTerm, Counter, v => Counter = v, ScalarCodec<long>.Instance);
    }

    public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

    public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

    public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

    public void ResetState()
    {
    }

    public FilledModel Fill(long value)
    {
        Weight!.AsSpan().Fill(value);
        Counter = value;
        return this;
    }

    /// <summary>The single value the model was filled with; throws when its values disagree (a mix of two saves).</summary>
    public long Value()
    {
        var first = Weight!.Data[0];
        Assert.All(Weight.Data, v => Assert.Equal(first, v));
        Assert.Equal((long)first, Counter);
        return Counter;
    }
}

/// <summary>A fresh directory under the system temp folder, deleted afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ckpt-mgr-" + Guid.NewGuid().ToString("N"));

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class ManagerFiles
{
    public static string StepDir(string root, long step) => Path.Combine(root, $"step_{step:D8}");

    /// <summary>Every entry name in the directory, sorted.</summary>
    public static List<string> Entries(string root) =>
        Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Select(n => n!).Order(StringComparer.Ordinal).ToList();

    public static void FlipBit(string file, long offset, int bit = 0)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ (1 << bit)));
    }

    public static void Truncate(string file, long length)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
        stream.SetLength(length);
    }

    public static Dictionary<string, double> Metric(string name, double value) => new() { [name] = value };

    public static string Text(string file) => Encoding.UTF8.GetString(File.ReadAllBytes(file));
}
