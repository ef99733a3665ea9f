using Checkpoint.Storage;

namespace Checkpoint;

/// <summary>
/// Saves and loads checkpoint files in the braintools/flax msgpack layout: the C# counterpart of braintools'
/// <c>msgpack_save</c>, <c>msgpack_load</c> and <c>msgpack_register_serialization</c>. Saves are atomic
/// (<see cref="AtomicFile"/>); loads into models and templates stream array bytes from the file straight into
/// the target's memory. See <c>docs/files.md</c>.
/// </summary>
public static partial class MsgPackCheckpoint
{
    /// <summary>
    /// Registers how a custom type is saved (<paramref name="toDict"/>: its values as a dictionary, converted like
    /// any plain tree) and restored when a template holds one (<paramref name="fromDict"/>: the template object,
    /// the saved dictionary and the mismatch mode, returning the restored object). Braintools'
    /// <c>msgpack_register_serialization(cls, to_state_dict, from_state_dict)</c>.
    /// <paramref name="fromDict"/> runs while the load is still checking, before anything is changed: it should
    /// build a new object rather than change the template, and an exception it throws is reported as a mismatch
    /// at that path.
    /// </summary>
    /// <exception cref="CheckpointException">
    /// <typeparamref name="T"/> is already registered and <paramref name="overrideExisting"/> is false.
    /// </exception>
    public static void Register<T>(
        Func<T, IDictionary<string, object?>> toDict, Func<T, StateDict, Mismatch, T> fromDict, bool overrideExisting = false) =>
        CustomTypeRegistry.Register(toDict, fromDict, overrideExisting);

    /// <summary>Removes the registration of <typeparamref name="T"/>; returns whether there was one.</summary>
    public static bool Unregister<T>() => CustomTypeRegistry.Unregister(typeof(T));

    /// <summary>Whether <typeparamref name="T"/> itself is registered.</summary>
    public static bool IsRegistered<T>() => CustomTypeRegistry.IsRegistered(typeof(T));
}
