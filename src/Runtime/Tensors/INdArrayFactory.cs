namespace Checkpoint;

/// <summary>
/// Lets a load create a tensor of your own type (an <see cref="INdArray"/> implementation) for a member that is null:
/// the generated code calls <see cref="Create"/> with the dtype and shape found in the file, and the load then fills it.
/// Without it, a member of your type must hold a tensor of the right shape before loading (filled in place).
/// </summary>
/// <typeparam name="TSelf">The tensor type implementing this interface.</typeparam>
public interface INdArrayFactory<TSelf>
    where TSelf : INdArray
{
    /// <summary>
    /// A tensor of <paramref name="shape"/> whose contents the load overwrites. Return the <paramref name="dtype"/> asked
    /// for, or one it converts to losslessly (a float32-only type may take float16 and bfloat16 data too).
    /// </summary>
    /// <param name="dtype">The element type of the array in the file.</param>
    /// <param name="shape">Its shape (a new array the tensor may keep).</param>
    static abstract TSelf Create(DType dtype, int[] shape);
}
