namespace Checkpoint.Generators;

internal static class Placeholder
{
}
