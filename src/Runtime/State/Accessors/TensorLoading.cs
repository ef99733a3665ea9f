using System.Diagnostics.CodeAnalysis;

namespace Checkpoint;

/// <summary>Shared steps of loading a tensor node into a tensor or array member.</summary>
internal static class TensorLoading
{
    public static bool TryGetTensor(StateNode node, [NotNullWhen(true)] out INdArray? tensor, [NotNullWhen(false)] out string? reason)
    {
        tensor = node switch
        {
            TensorNode t => t.Tensor,
            NumpyScalarNode s => s.Value,
            _ => null,
        };
        reason = tensor is null ? $"expected an array, found {Describe(node)}" : null;
        return tensor is not null;
    }

    /// <summary>
    /// Checks dtypes and returns an action that copies <paramref name="source"/> into <paramref name="target"/>
    /// (same shape), converting losslessly when dtypes differ, then runs <paramref name="then"/>.
    /// </summary>
    public static LoadCheck PrepareCopy(INdArray source, INdArray target, Action? then)
    {
        if (source.DType == target.DType)
        {
            return LoadCheck.Ok(() =>
            {
                source.AsBytes().CopyTo(target.AsBytes());
                then?.Invoke();
            });
        }

        if (!DTypes.IsLosslessConversion(source.DType, target.DType))
        {
            return LoadCheck.Fail(
                $"dtype {source.DType.NumpyName()} in the source cannot be converted losslessly to {target.DType.NumpyName()}");
        }

        return LoadCheck.Ok(() =>
        {
            TensorConversion.Convert(source, target);
            then?.Invoke();
        });
    }

    public static string Describe(StateNode node) => node switch
    {
        TensorNode t => $"an array {t.Tensor.DType.NumpyName()}{TensorShape.Format(t.Tensor.Shape)}",
        NumpyScalarNode s => $"a {s.Value.DType.NumpyName()} scalar",
        StateDict => "a map",
        _ => $"a {node.Kind.ToString().ToLowerInvariant()} ({node})",
    };
}
