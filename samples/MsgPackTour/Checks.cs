namespace MsgPackTour;

/// <summary>Prints each check of the tour and counts the failures.</summary>
internal sealed class Checks
{
    public int Failures { get; private set; }

    public void That(bool condition, string what)
    {
        Console.WriteLine($"  [{(condition ? "ok" : "FAILED")}] {what}");
        if (!condition) Failures++;
    }
}
