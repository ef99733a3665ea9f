namespace Checkpoint.Formats;

/// <summary>The file formats this library reads and writes; <see cref="CheckpointFormats"/> tells them apart and opens any of them.</summary>
public enum CheckpointFormat
{
    /// <summary>braintools/flax msgpack (<c>.msgpack</c>): any tree of maps, arrays, scalars and strings.</summary>
    MsgPack,

    /// <summary>numpy's <c>.npz</c> archive (<c>np.savez</c>, <c>np.savez_compressed</c>): named arrays.</summary>
    Npz,

    /// <summary>numpy's <c>.npy</c> file (<c>np.save</c>): one array.</summary>
    Npy,

    /// <summary>Hugging Face safetensors (<c>.safetensors</c>): named tensors and a string metadata map.</summary>
    SafeTensors,
}
