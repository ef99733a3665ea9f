using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Checkpoint;

/// <summary>
/// The conversions registered with <see cref="MsgPackCheckpoint.Register{T}"/>: how a custom type becomes a
/// dictionary when saved and is rebuilt from a state dictionary when a template holding one is restored.
/// Process-wide and thread-safe, like braintools' registry.
/// </summary>
internal static class CustomTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, CustomTypeEntry> Entries = new();

    public static void Register<T>(
        Func<T, IDictionary<string, object?>> toDict, Func<T, StateDict, Mismatch, T> fromDict, bool overrideExisting)
    {
        ArgumentNullException.ThrowIfNull(toDict);
        ArgumentNullException.ThrowIfNull(fromDict);
        var entry = new CustomTypeEntry(
            typeof(T),
            value => toDict((T)value),
            (template, dict, mismatch) => fromDict((T)template, dict, mismatch)!);
        if (overrideExisting)
        {
            Entries[typeof(T)] = entry;
            return;
        }

        if (!Entries.TryAdd(typeof(T), entry))
            throw new CheckpointException(
                $"A checkpoint serialization for {TypeNames.CSharp(typeof(T))} is already registered; pass overrideExisting: true to replace it.");
    }

    public static bool Unregister(Type type) => Entries.TryRemove(type, out _);

    public static bool IsRegistered(Type type) => Entries.ContainsKey(type);

    /// <summary>The entry for a runtime type, or for its nearest registered base class.</summary>
    public static bool TryGet(Type type, [NotNullWhen(true)] out CustomTypeEntry? entry)
    {
        if (Entries.IsEmpty)
        {
            entry = null;
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Entries.TryGetValue(current, out entry)) return true;
        }

        entry = null;
        return false;
    }
}

/// <summary>One registered custom type.</summary>
internal sealed record CustomTypeEntry(
    Type Type,
    Func<object, IDictionary<string, object?>> ToDict,
    Func<object, StateDict, Mismatch, object> FromDict);
