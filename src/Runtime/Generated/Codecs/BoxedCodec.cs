namespace Checkpoint.Generated;

/// <summary>
/// A typed codec seen through boxed values: how a value whose type is known only at run time (a template leaf,
/// an entry of an object tree) is saved and loaded by the codec its type has everywhere else.
/// </summary>
internal sealed class BoxedCodec<T>(ValueCodec<T> inner) : ValueCodec<object?>
{
    public override StateNode Write(object? value) => inner.Write((T)value!);

    public override ValueLoad<object?> Read(StateNode source, object? current)
    {
        var load = inner.Read(source, (T)current!);
        return load.As<object?>(load.Replacement);
    }
}
