namespace Checkpoint.Samples;

/// <summary>The first and second moment of one parameter.</summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class AdamMoments
{
    /// <summary>Zero moments shaped like the parameter.</summary>
    public AdamMoments(IReadOnlyList<int> shape)
    {
        M = NdArray<float>.Zeros([.. shape]);
        V = NdArray<float>.Zeros([.. shape]);
    }

    /// <summary>The running mean of the gradient.</summary>
    [LongTerm] public NdArray<float> M { get; set; }

    /// <summary>The running mean of the squared gradient.</summary>
    [LongTerm] public NdArray<float> V { get; set; }
}

/// <summary>
/// Adam (Kingma and Ba) over a model's float parameters. Its moments, matched to the model's <c>[Param]</c>
/// entries by path (<c>moments.encoder.weight.m</c>), and its step count are long-term state, so a checkpoint's
/// <c>optimizer_state</c> resumes it exactly.
/// </summary>
[StateNaming(NamingPolicy.SnakeCase)]
public partial class Adam
{
    /// <summary>An optimizer for every float tensor parameter of <paramref name="model"/>.</summary>
    public Adam(IStateful model, float learningRate = 1e-2f)
    {
        LearningRate = learningRate;
        foreach (var entry in model.States(StateKinds.Param))
        {
            if (entry.Value is NdArray<float> tensor) Moments[entry.Path] = new AdamMoments(tensor.Shape);
        }
    }

    /// <summary>The step size.</summary>
    [Config] public float LearningRate { get; set; }

    /// <summary>Decay of the first moment.</summary>
    [Config] public float Beta1 { get; set; } = 0.9f;

    /// <summary>Decay of the second moment.</summary>
    [Config] public float Beta2 { get; set; } = 0.999f;

    /// <summary>Added to the denominator.</summary>
    [Config] public float Epsilon { get; set; } = 1e-8f;

    /// <summary>Updates applied so far (for bias correction).</summary>
    [LongTerm] public long Step { get; set; }

    /// <summary>The moments per parameter path.</summary>
    public Dictionary<string, AdamMoments> Moments { get; } = [];

    /// <summary>Applies one update: <paramref name="gradients"/> maps parameter paths to gradients shaped like them.</summary>
    public void Update(IStateful model, IReadOnlyDictionary<string, float[]> gradients)
    {
        Step++;
        var correction1 = 1f - MathF.Pow(Beta1, Step);
        var correction2 = 1f - MathF.Pow(Beta2, Step);
        foreach (var entry in model.States(StateKinds.Param))
        {
            if (entry.Value is not NdArray<float> parameter || !gradients.TryGetValue(entry.Path, out var gradient)) continue;
            var moments = Moments[entry.Path];
            var p = parameter.Data;
            var m = moments.M.Data;
            var v = moments.V.Data;
            for (var i = 0; i < p.Length; i++)
            {
                var g = gradient[i];
                m[i] = Beta1 * m[i] + (1f - Beta1) * g;
                v[i] = Beta2 * v[i] + (1f - Beta2) * g * g;
                p[i] -= LearningRate * (m[i] / correction1) / (MathF.Sqrt(v[i] / correction2) + Epsilon);
            }
        }
    }
}
