using System.Diagnostics.CodeAnalysis;

namespace Checkpoint;

/// <summary>
/// Tensor types of other libraries, recognised by name when a plain tree holds one: the platform's
/// <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> (saved as an array through its codec), and types that would
/// otherwise pass for lists and lose their shape (refused, never written as something they are not).
/// </summary>
internal static class ForeignTensorTypes
{
    // Tensor types that implement IList: enumerated, they would save as a flat list of scalars.
    private static readonly string[] ListLikeTensors =
    [
        "Microsoft.ML.OnnxRuntime.Tensors.Tensor`1",
    ];

    /// <summary>The element row of a <c>System.Numerics.Tensors.Tensor&lt;T&gt;</c> whose T is a tensor element type.</summary>
    public static bool TryGetNumericsTensor(Type type, [NotNullWhen(true)] out ElementType? row)
    {
        row = null;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Numerics.Tensors.Tensor<>)
            && DTypes.TryGetElementType(type.GetGenericArguments()[0], out row);
    }

    /// <summary>Whether <paramref name="type"/> is (or derives from) another library's tensor that enumerates as a list.</summary>
    public static bool IsListLikeTensor(Type type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var definition = current.IsGenericType ? current.GetGenericTypeDefinition() : current;
            if (ListLikeTensors.Contains(definition.FullName)) return true;
        }

        return false;
    }
}
