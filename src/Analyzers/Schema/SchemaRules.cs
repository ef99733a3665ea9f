using Checkpoint.Schema;
using Microsoft.CodeAnalysis;

namespace Checkpoint.Analyzers.Schema;

/// <summary>The rule each kind of schema finding is reported under; the analyzer reports by it and Fix All selects by it.</summary>
internal static class SchemaRules
{
    public static DiagnosticDescriptor Of(SchemaFindingKind kind) => kind switch
    {
        SchemaFindingKind.Gone => Descriptors.SchemaPathGone,
        SchemaFindingKind.Changed => Descriptors.SchemaPathChanged,
        SchemaFindingKind.Outdated or SchemaFindingKind.Unlisted => Descriptors.SchemaPathUnlisted,
        _ => Descriptors.SchemaLineInvalid,
    };
}
