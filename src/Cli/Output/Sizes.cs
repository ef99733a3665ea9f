using System.Globalization;

namespace Checkpoint.Cli.Output;

/// <summary>Byte counts for people: <c>812 B</c>, <c>12.3 KiB</c>, <c>4.0 MiB</c>.</summary>
internal static class Sizes
{
    public static string Format(long bytes)
    {
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }
}
