namespace Checkpoint.SourceRules;

/// <summary>
/// The diagnostic ids, one per rule. The collector files each problem under one; the analyzers' descriptors
/// (src/Analyzers/Descriptors.cs) give each its title, message and severity. Ids never change meaning once shipped.
/// </summary>
internal static class RuleIds
{
    public const string UnsavedParameter = "CKPT0001";
    public const string ShortTermSaved = "CKPT0002";
    public const string ParamsOmitted = "CKPT0003";
    public const string ModelNotPartial = "CKPT0004";
    public const string NotRestorable = "CKPT0005";
    public const string UnsupportedStateType = "CKPT0006";
    public const string ConflictingAttributes = "CKPT0007";
    public const string ConfigMisuse = "CKPT0008";
    public const string ChildCycle = "CKPT0009";
    public const string DuplicateKey = "CKPT0010";
    public const string InvalidKey = "CKPT0011";
    public const string InvalidInitializer = "CKPT0012";
    public const string EmptyModule = "CKPT0013";
    public const string StateOutsideClass = "CKPT0014";
    public const string FormerNameCollision = "CKPT0015";
    public const string UnconstrainedGenericElement = "CKPT0016";
    public const string FillDoesNotFit = "CKPT0017";
    public const string SchemaPathGone = "CKPT0018";
    public const string SchemaPathChanged = "CKPT0019";
    public const string SchemaPathUnlisted = "CKPT0020";
    public const string SchemaLineInvalid = "CKPT0021";
}
