using Checkpoint;

namespace BuildSample;

/// <summary>Stands in for the file facade; the analyzers recognise saves by name.</summary>
public static class MsgPackCheckpoint
{
    public static void Save(string path, IReadOnlyList<StateEntry> entries) { }
}

public static class Saving
{
    public static void Run(IStateful net, string path)
    {
        net.ToStateDict(StateKinds.All); // expect: CKPT0002
        MsgPackCheckpoint.Save(path, net.States(StateKinds.ShortTerm)); // expect: CKPT0002
        var kinds = StateKinds.LongTerm;
        net.ToStateDict(kinds); // expect: CKPT0003
        net.ToStateDict(StateKinds.Persistent);
        MsgPackCheckpoint.Save(path, net.States(StateKinds.Persistent));
    }
}
