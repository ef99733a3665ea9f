namespace Checkpoint.SourceRules;

/// <summary>The Checkpoint attributes a field or property can carry. The names are the attributes' names.</summary>
internal enum MemberAttributeKind
{
    None,
    Param,
    LongTerm,
    ShortTerm,
    Config,
    NotState,
}

/// <summary>Questions about <see cref="MemberAttributeKind"/>.</summary>
internal static class MemberAttributeKinds
{
    /// <summary>Param, LongTerm and ShortTerm: the attributes of saved-or-reset state.</summary>
    public static bool IsState(this MemberAttributeKind kind) =>
        kind is MemberAttributeKind.Param or MemberAttributeKind.LongTerm or MemberAttributeKind.ShortTerm;

    /// <summary>Param, LongTerm, ShortTerm and Config: the attributes that make a class a model and give a member its role.</summary>
    public static bool IsRole(this MemberAttributeKind kind) => kind.IsState() || kind == MemberAttributeKind.Config;
}
