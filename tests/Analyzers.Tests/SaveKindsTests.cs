using Microsoft.CodeAnalysis.Testing;
using ShortTerm = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Usage.ShortTermSavedAnalyzer>;
using Params = Checkpoint.Analyzers.Tests.Verifiers.Verify<Checkpoint.Analyzers.Usage.ParamsOmittedAnalyzer>;

namespace Checkpoint.Analyzers.Tests;

public class SaveKindsTests
{
    /// <summary>Stands in for the file facade (another part of the library): the analyzers match it by name.</summary>
    private const string Facade = """

        public static class MsgPackCheckpoint
        {
            public static void Save(string path, IReadOnlyList<StateEntry> entries) { }
            public static void Save(string path, IStateful model, StateKinds kinds = StateKinds.Persistent) { }
        }
        """;

    [Fact]
    public Task ShortTerm_in_ToStateDict_and_saves_is_reported() => ShortTerm.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net, string path)
            {
                net.ToStateDict({|CKPT0002:StateKinds.All|});
                net.ToStateDict({|CKPT0002:StateKinds.ShortTerm|});
                net.ToStateDict({|CKPT0002:StateKinds.Param | StateKinds.ShortTerm|});
                MsgPackCheckpoint.Save(path, net.States({|CKPT0002:StateKinds.ShortTerm|}));
                MsgPackCheckpoint.Save(path, {|CKPT0002:net.States()|});
                MsgPackCheckpoint.Save(path, net, {|CKPT0002:StateKinds.All|});
                var kinds = StateKinds.All;
                net.ToStateDict({|CKPT0002:kinds|});
                const StateKinds constant = StateKinds.ShortTerm | StateKinds.LongTerm;
                net.ToStateDict({|CKPT0002:constant|});
            }
        }
        """ + Facade);

    [Fact]
    public Task Kinds_set_on_save_options_are_reported() => ShortTerm.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net, string path, SaveOptions options)
            {
                Checkpoint.MsgPackCheckpoint.Save(path, net, options: new SaveOptions { Kinds = {|CKPT0002:StateKinds.All|} });
                var everything = options with { Kinds = {|CKPT0002:StateKinds.ShortTerm|} };
                var persistent = new SaveOptions { Kinds = StateKinds.Persistent };
                var load = new LoadOptions { Kinds = StateKinds.All };   // what a load expects, not what is saved
            }
        }
        """);

    [Fact]
    public Task Save_options_without_Param_are_reported() => Params.AnalyzeAsync("""
        public static class Saver
        {
            public static SaveOptions Options() => new() { Kinds = {|CKPT0003:StateKinds.LongTerm|} };
        }
        """);

    [Fact]
    public Task Message_says_what_the_call_is() => ShortTerm.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net) => net.ToStateDict({|#0:StateKinds.All|});
        }
        """, new DiagnosticResult(Descriptors.ShortTermSaved).WithLocation(0).WithArguments("call to ToStateDict"));

    [Fact]
    public Task Persistent_saves_reassigned_locals_and_plain_States_are_not_reported() => ShortTerm.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net, string path, StateKinds parameter, bool all)
            {
                net.ToStateDict();
                net.ToStateDict(StateKinds.Persistent);
                MsgPackCheckpoint.Save(path, net.States(StateKinds.Persistent));
                MsgPackCheckpoint.Save(path, net);
                var entries = net.States(StateKinds.All);   // inspecting, not saving
                net.ToStateDict(parameter);
                var kinds = StateKinds.All;
                if (!all) kinds = StateKinds.Persistent;
                net.ToStateDict(kinds);
                var chosen = all ? StateKinds.All : StateKinds.Persistent;
                net.ToStateDict(chosen);
            }
        }
        """ + Facade);

    [Fact]
    public Task Kinds_without_Param_are_reported() => Params.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net, string path)
            {
                net.ToStateDict({|CKPT0003:StateKinds.LongTerm|});
                MsgPackCheckpoint.Save(path, net.States({|CKPT0003:StateKinds.LongTerm|}));
                var kinds = StateKinds.None;
                net.ToStateDict({|CKPT0003:kinds|});
            }
        }
        """ + Facade);

    [Fact]
    public Task Kinds_with_Param_or_ShortTerm_are_not_reported_as_missing_params() => Params.AnalyzeAsync("""
        public static class Saver
        {
            public static void Run(IStateful net, string path)
            {
                net.ToStateDict(StateKinds.Param);
                net.ToStateDict(StateKinds.Persistent);
                net.ToStateDict(StateKinds.ShortTerm);   // CKPT0002's business
                net.States(StateKinds.LongTerm);          // not a save
            }
        }
        """ + Facade);

    [Fact]
    public Task Persistent_fix_replaces_the_kinds() => ShortTerm.FixAsync<CodeFixes.ReplaceWithPersistentFix>("""
        public static class Saver
        {
            public static void Run(IStateful net, string path)
            {
                net.ToStateDict({|CKPT0002:StateKinds.All|});
                MsgPackCheckpoint.Save(path, {|CKPT0002:net.States()|});
            }
        }
        """ + Facade, """
        public static class Saver
        {
            public static void Run(IStateful net, string path)
            {
                net.ToStateDict(StateKinds.Persistent);
                MsgPackCheckpoint.Save(path, net.States(StateKinds.Persistent));
            }
        }
        """ + Facade);

    [Fact]
    public Task Param_fix_adds_the_flag() => Params.FixAsync<CodeFixes.AddParamKindFix>("""
        public static class Saver
        {
            public static void Run(IStateful net)
            {
                net.ToStateDict({|CKPT0003:StateKinds.LongTerm|});
                var kinds = StateKinds.LongTerm;
                net.ToStateDict({|CKPT0003:kinds|});
            }
        }
        """, """
        public static class Saver
        {
            public static void Run(IStateful net)
            {
                net.ToStateDict(StateKinds.LongTerm | StateKinds.Param);
                var kinds = StateKinds.LongTerm;
                net.ToStateDict(kinds | StateKinds.Param);
            }
        }
        """);
}
