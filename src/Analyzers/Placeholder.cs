namespace Checkpoint.Analyzers;

internal static class Placeholder
{
}
