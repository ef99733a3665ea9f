using Checkpoint;

[assembly: StateNaming(NamingPolicy.SnakeCase)]

namespace ManagerDemo;

/// <summary>A linear model y = x·weight + bias; the generator writes its state code.</summary>
public partial class Regressor
{
    public Regressor(int inputs) => Weight = NdArray<float>.Zeros(inputs);

    [Param] public NdArray<float> Weight;

    [Param] public float Bias;

    public float Predict(ReadOnlySpan<float> x)
    {
        var y = Bias;
        for (var i = 0; i < x.Length; i++) y += x[i] * Weight.Data[i];
        return y;
    }
}

/// <summary>SGD with momentum: its velocity buffers are long-term state, saved as <c>optimizer.msgpack</c>.</summary>
public partial class Momentum
{
    public Momentum(int parameters) => Velocity = NdArray<float>.Zeros(parameters);

    [Config] public float LearningRate = 0.05f;

    [Config] public float Beta = 0.9f;

    [LongTerm] public NdArray<float> Velocity;

    [LongTerm] public long Updates;

    /// <summary>Applies one update to <paramref name="model"/> from the gradients of its weights and bias.</summary>
    public void Step(Regressor model, ReadOnlySpan<float> weightGradient, float biasGradient)
    {
        var velocity = Velocity.AsSpan();
        for (var i = 0; i < weightGradient.Length; i++)
        {
            velocity[i] = Beta * velocity[i] + weightGradient[i];
            model.Weight.Data[i] -= LearningRate * velocity[i];
        }

        velocity[^1] = Beta * velocity[^1] + biasGradient;
        model.Bias -= LearningRate * velocity[^1];
        Updates++;
    }
}
