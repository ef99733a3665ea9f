namespace Checkpoint.Analyzers.CodeFixes;

internal static class Placeholder
{
}
