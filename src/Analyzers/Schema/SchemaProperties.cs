namespace Checkpoint.Analyzers.Schema;

/// <summary>What a schema diagnostic carries for its code fix: the edit that accepts it.</summary>
internal static class SchemaProperties
{
    /// <summary>The number of the schema line the fix removes (or replaces).</summary>
    public const string RemoveLine = "SchemaRemoveLine";

    /// <summary>The schema line the fix adds.</summary>
    public const string AddLine = "SchemaAddLine";
}
