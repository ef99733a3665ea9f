using Checkpoint;

namespace BuildSample;

// Nothing in this file may be reported. It compiles only if the generator ran in this build and wrote the state
// code of models it could not fully handle: OddTypes has three members it leaves out (each reported in Models.cs)
// and keeps the rest.
public static class UsesGeneratedCode
{
    public static int Count(OddTypes model, Split split, Unrestorable unrestorable) =>
        model.States().Count + split.States().Count + unrestorable.States().Count;
}
