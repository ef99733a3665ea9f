using Checkpoint.Formats.MsgPack;
using Checkpoint.Generated;

namespace Checkpoint.Runtime.Tests.Tree;

/// <summary>
/// Readers and the model's tree builder leave child maps and array leaves compact and make their nodes when asked:
/// a node is made once and keeps its identity (from any thread), an in-memory array leaf still refers to the model's
/// memory, and the tree builder's key rules (a member and a child under one key, two children under one key) hold.
/// </summary>
public class CompactEntryTests
{
    [Fact]
    public void A_node_of_an_opened_file_is_made_once_and_kept()
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("tree.msgpack");
        MsgPackCheckpoint.Save(path, new StateDict { ["m"] = new StateDict { ["w"] = NdArray<float>.Full(2f, 3) } });

        using var file = MsgPackCheckpoint.Open(path);
        var map = (StateDict)file.RootMap["m"];
        Assert.Same(map, file.RootMap["m"]);
        var leaf = (TensorNode)map["w"];
        Assert.Same(leaf, map["w"]);
        Assert.False(leaf.IsLoaded);
        StateTree.Materialize(file.Root);
        Assert.True(leaf.IsLoaded);
        Assert.Same(leaf, ((StateDict)file.RootMap["m"])["w"]);
    }

    [Fact]
    public void A_template_slot_that_takes_a_file_map_as_it_is_gets_the_file_tree_s_own_map()
    {
        using var dir = new Files.TempDirectory();
        var path = dir.File("tree.msgpack");
        MsgPackCheckpoint.Save(path, new StateDict { ["opt"] = new StateDict { ["x"] = 1, ["y"] = 2 }, ["w"] = 3 });

        using var file = MsgPackCheckpoint.Open(path);
        // A null slot takes the file's node as it is: it must be the file tree's own map, not a second one over the same
        // entries (a change to one would leave the other with a stale count).
        var restored = Checkpoint.Loading.TemplateTarget.Restore(
            new Dictionary<string, object?> { ["opt"] = null, ["w"] = 0L }, file.Root, LoadOptions.Default, CancellationToken.None, out _);

        var taken = Assert.IsType<StateDict>(restored["opt"]);
        Assert.Same(file.RootMap["opt"], taken);
        taken.Remove("x");
        Assert.Equal(["y"], ((StateDict)file.RootMap["opt"]).Keys);
    }

    [Fact]
    public void Threads_asking_for_the_same_entry_get_the_same_node()
    {
        var source = new StateDict();
        for (var i = 0; i < 64; i++) source.Add($"k{i}", new StateDict { ["w"] = NdArray<float>.Full(i, 2) });
        var bytes = MsgPackWriter.ToBytes(source);

        for (var round = 0; round < 20; round++)
        {
            var read = (StateDict)MsgPackReader.FromBytes(bytes);
            var seen = new StateNode[8][];
            Parallel.For(0, seen.Length, t => seen[t] = [.. Enumerable.Range(0, 64).Select(i => read[$"k{i}"])]);
            for (var t = 1; t < seen.Length; t++)
                for (var i = 0; i < 64; i++) Assert.Same(seen[0][i], seen[t][i]);
        }
    }

    [Fact]
    public void A_model_tree_refers_to_the_model_memory_through_one_node()
    {
        NdArray<float>? weight = NdArray<float>.Full(1.5f, 4);
        var model = new Custom(v => v.Value<NdArray<float>?>("w", StateKinds.Param, ref weight, NdArrayCodec<float>.Instance));

        var tree = model.ToStateDict();
        var leaf = (TensorNode)tree["w"];
        Assert.Same(weight, leaf.Tensor);
        Assert.Same(leaf, tree["w"]);
    }

    [Fact]
    public void A_member_and_a_child_under_one_key_are_refused()
    {
        NdArray<float>? weight = NdArray<float>.Zeros(2);
        var child = new Custom(v => v.Value<NdArray<float>?>("w", StateKinds.Param, ref weight, NdArrayCodec<float>.Instance));
        var model = new Custom(v =>
        {
            v.Value<NdArray<float>?>("a", StateKinds.Param, ref weight, NdArrayCodec<float>.Instance);
            v.Child("a", child);
        });

        var error = Assert.Throws<CheckpointException>(() => model.ToStateDict());
        Assert.Contains("both save as 'a'", error.Message);
    }

    [Fact]
    public void Two_children_under_one_key_share_one_map()
    {
        NdArray<float>? first = NdArray<float>.Full(1f, 2), second = NdArray<float>.Full(2f, 2);
        var one = new Custom(v => v.Value<NdArray<float>?>("first", StateKinds.Param, ref first, NdArrayCodec<float>.Instance));
        var two = new Custom(v => v.Value<NdArray<float>?>("second", StateKinds.Param, ref second, NdArrayCodec<float>.Instance));
        var model = new Custom(v =>
        {
            v.Child("x", one);
            v.Child("x", two);
        });

        var x = (StateDict)model.ToStateDict()["x"];
        Assert.Equal(["first", "second"], x.Keys);

        var clash = new Custom(v =>
        {
            v.Child("x", one);
            v.Child("x", one);
        });
        Assert.Contains("Two state members save as 'x.first'", Assert.Throws<CheckpointException>(() => clash.ToStateDict()).Message);
    }

    /// <summary>A model whose visit is given.</summary>
    private sealed class Custom(Action<StateVisitor> visit) : IStateful
    {
        public void VisitState(StateVisitor visitor) => visit(visitor);

        public IReadOnlyList<StateEntry> States(StateKinds kinds = StateKinds.All) => GeneratedModel.States(this, kinds);

        public StateDict ToStateDict(StateKinds kinds = StateKinds.Persistent) => GeneratedModel.ToStateDict(this, kinds);

        public LoadReport LoadStateDict(StateDict source, LoadOptions? options = null) => GeneratedModel.LoadStateDict(this, source, options);

        public void ResetState()
        {
        }
    }
}
