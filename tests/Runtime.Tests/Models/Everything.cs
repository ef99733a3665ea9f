using System.Numerics;

namespace Checkpoint.Tests.Models;

public enum Phase { Rest, Active, Refractory }

/// <summary>One member of every leaf kind.</summary>
public partial class Everything
{
    [Param] public bool Flag;
    [Param] public sbyte I8;
    [Param] public short I16;
    [Param] public int I32;
    [Param] public long I64;
    [Param] public byte U8;
    [Param] public ushort U16;
    [Param] public uint U32;
    [Param] public ulong U64;
    [Param] public Half F16;
    [Param] public BFloat16 Bf16;
    [Param] public float F32;
    [Param] public double F64;
    [Param] public Complex64 C64;
    [Param] public Complex C128;
    [Param] public float[] Vector = new float[3];
    [Param] public double[,] Matrix = new double[2, 3];
    [LongTerm] public string Label = "";
    [LongTerm] public string? Note;
    [LongTerm] public Phase Phase;
    [ShortTerm] public int[] Scratch = new int[2];
}
