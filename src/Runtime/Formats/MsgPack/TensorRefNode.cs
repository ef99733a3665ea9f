namespace Checkpoint.Formats.MsgPack;

/// <summary>
/// Internal stand-in for an array while indexing, so the one node reader serves both full reads and indexing.
/// It never leaves the reader: <see cref="MsgPackIndex"/> is built from the tree that holds it.
/// </summary>
internal sealed class TensorRefNode(TensorRef reference) : StateNode
{
    public TensorRef Reference { get; } = reference;

    public override StateNodeKind Kind => StateNodeKind.Tensor;
}
