namespace Checkpoint;

/// <summary>The kinds of model state; flags, so filters combine (<c>Param | LongTerm</c>).</summary>
[Flags]
public enum StateKinds
{
    /// <summary>No state.</summary>
    None = 0,

    /// <summary>Learnable parameters (<see cref="ParamAttribute"/>).</summary>
    Param = 1,

    /// <summary>Persistent statistics (<see cref="LongTermAttribute"/>).</summary>
    LongTerm = 2,

    /// <summary>Transient dynamics (<see cref="ShortTermAttribute"/>), never saved by default.</summary>
    ShortTerm = 4,

    /// <summary>What a checkpoint holds: <see cref="Param"/> and <see cref="LongTerm"/>.</summary>
    Persistent = Param | LongTerm,

    /// <summary>Every kind.</summary>
    All = Param | LongTerm | ShortTerm,
}
