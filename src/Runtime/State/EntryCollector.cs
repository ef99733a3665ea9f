using Checkpoint.Generated;
using Checkpoint.Loading;

namespace Checkpoint;

/// <summary>Lists the state entries of a model tree (<see cref="IStateful.States"/>): one visit, one small object per entry.</summary>
internal sealed class EntryCollector : StateVisitor
{
    private readonly StateKinds _kinds;
    private readonly List<StateEntry> _entries = [];
    private readonly PathTable _paths = new();

    // One frame per level below the root: its path, the model owning the members there (null for a collection's
    // level) and how many members of that model have been seen, which is each member's position in its model.
    private Frame[] _frames = [new Frame { Path = PathTable.Root }, .. new Frame[15]];
    private int _depth;

    private EntryCollector(StateKinds kinds) => _kinds = kinds;

    /// <summary>The ordered entries of <paramref name="model"/> and its children, filtered by kind.</summary>
    public static IReadOnlyList<StateEntry> Collect(IStateful model, StateKinds kinds)
    {
        ArgumentNullException.ThrowIfNull(model);
        var collector = new EntryCollector(kinds);
        collector.Visit(model);
        return collector._entries;
    }

    public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
    {
        ref var frame = ref _frames[_depth];
        var position = frame.Position++;
        if ((kind & _kinds) != 0)
            _entries.Add(new StateEntry(frame.Owner!, position, _paths, frame.Path, key, kind, formerKeys, codec));
        return false;
    }

    protected override bool EnterChild(string key)
    {
        if (++_depth == _frames.Length) Array.Resize(ref _frames, _frames.Length * 2);
        _frames[_depth] = new Frame { Path = _paths.Add(_frames[_depth - 1].Path, key) };
        return true;
    }

    protected override void ExitChild() => _frames[_depth--] = default;

    protected override void BeginModel(IStateful model)
    {
        ref var frame = ref _frames[_depth];
        frame.Owner = model;
        frame.Position = 0;
    }

    private struct Frame
    {
        public int Path;
        public IStateful? Owner;
        public int Position;
    }
}

/// <summary>Reads, writes and describes the member at one position of one model, by visiting that model alone.</summary>
internal static class EntryAccess
{
    public static object? Get(IStateful owner, int position)
    {
        var visitor = new Access(position, Operation.Get, null);
        owner.VisitState(visitor);
        return visitor.Result;
    }

    public static void Set(IStateful owner, int position, object? value) => owner.VisitState(new Access(position, Operation.Set, value));

    /// <summary>The member's node, written by its own codec (what a model's tree holds for it).</summary>
    public static StateNode Write(IStateful owner, int position)
    {
        var visitor = new Access(position, Operation.Write, null);
        owner.VisitState(visitor);
        return (StateNode)visitor.Result!;
    }

    public static (DType? DType, IReadOnlyList<int> Shape) Describe(IStateful owner, int position)
    {
        var visitor = new Access(position, Operation.Describe, null);
        owner.VisitState(visitor);
        return (visitor.DType, visitor.Shape);
    }

    private enum Operation
    {
        Get,
        Set,
        Describe,
        Write,
    }

    private sealed class Access(int position, Operation operation, object? newValue) : StateVisitor
    {
        private int _position;

        public object? Result { get; private set; }

        public DType? DType { get; private set; }

        public IReadOnlyList<int> Shape { get; private set; } = [];

        public override bool Value<T>(string key, StateKinds kind, ref T value, ValueCodec<T> codec, string[]? formerKeys = null)
        {
            if (_position++ != position) return false;
            switch (operation)
            {
                case Operation.Get:
                    Result = value;
                    return false;
                case Operation.Write:
                    Result = codec.Write(value);
                    return false;
                case Operation.Describe:
                    DType = codec.DTypeOf(value);
                    Shape = codec.ShapeOf(value);
                    return false;
                default:
                    value = (T)newValue!;
                    return true;
            }
        }

        // Only the owner's own members: its children are other owners.
        protected override bool EnterChild(string key) => false;
    }
}
