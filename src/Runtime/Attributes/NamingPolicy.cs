namespace Checkpoint;

/// <summary>How member names become keys in a state dictionary.</summary>
public enum NamingPolicy
{
    /// <summary>The member name exactly as declared (<c>RunningMean</c>).</summary>
    AsDeclared = 0,

    /// <summary>Python style (<c>running_mean</c>): the convention of brainstate and flax checkpoints.</summary>
    SnakeCase = 1,

    /// <summary>Lower camel case (<c>runningMean</c>).</summary>
    CamelCase = 2,
}
