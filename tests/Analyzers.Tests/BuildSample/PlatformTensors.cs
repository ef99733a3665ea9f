// A stand-in for the System.Numerics.Tensors package (.NET 9 and later): its static Tensor class and its
// Tensor<T>. Checkpoint cannot save the latter as a model member; the generator leaves such a member out and
// CKPT0006 names the type in full, since two types are called Tensor.
namespace System.Numerics.Tensors
{
    public static class Tensor
    {
    }

    public sealed class Tensor<T>
    {
    }
}
