namespace Checkpoint.Samples;

/// <summary>A synthetic regression task and the training loop the samples share.</summary>
public static class Training
{
    /// <summary>A dataset: inputs and targets, one row per sample.</summary>
    public sealed record Dataset(float[][] Inputs, float[][] Targets);

    /// <summary>
    /// Samples of a fixed smooth function (a "teacher"): target o = sin(sum_i x_i * (i + o + 1) / n), inputs uniform in [-1, 1).
    /// </summary>
    public static Dataset MakeData(int samples, int inputs, int outputs, ulong seed)
    {
        var rng = new Xoshiro128(seed);
        var x = new float[samples][];
        var y = new float[samples][];
        for (var s = 0; s < samples; s++)
        {
            x[s] = new float[inputs];
            for (var i = 0; i < inputs; i++) x[s][i] = rng.NextFloat() * 2f - 1f;
            y[s] = new float[outputs];
            for (var o = 0; o < outputs; o++)
            {
                var sum = 0f;
                for (var i = 0; i < inputs; i++) sum += x[s][i] * (i + o + 1) / inputs;
                y[s][o] = MathF.Sin(sum);
            }
        }

        return new Dataset(x, y);
    }

    /// <summary>
    /// One epoch of minibatch Adam on the mean squared error, in an order shuffled by <paramref name="rng"/>.
    /// Returns the mean training loss.
    /// </summary>
    public static float TrainEpoch(Mlp model, Adam optimizer, Xoshiro128 rng, Dataset data, int batchSize = 8)
    {
        var order = Enumerable.Range(0, data.Inputs.Length).ToArray();
        rng.Shuffle(order);
        var total = 0f;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            var gradients = NewGradients(model);
            foreach (var index in batch)
                total += Backward(model, data.Inputs[index], data.Targets[index], gradients, 1f / batch.Length);
            optimizer.Update(model, gradients);
            model.SamplesSeen += batch.Length;
        }

        return total / order.Length;
    }

    /// <summary>
    /// The gradient of the mean squared error over the samples <paramref name="indices"/> (by parameter path) and their
    /// mean loss, without updating anything: one worker's share of a data-parallel step (average the workers' gradients,
    /// then <see cref="Adam.Update"/>).
    /// </summary>
    public static (Dictionary<string, float[]> Gradients, float Loss) Gradients(Mlp model, Dataset data, IReadOnlyList<int> indices)
    {
        var gradients = NewGradients(model);
        var total = 0f;
        foreach (var index in indices) total += Backward(model, data.Inputs[index], data.Targets[index], gradients, 1f / indices.Count);
        return (gradients, total / indices.Count);
    }

    /// <summary>The mean squared error over a dataset.</summary>
    public static float Loss(Mlp model, Dataset data)
    {
        var total = 0f;
        for (var s = 0; s < data.Inputs.Length; s++)
        {
            var y = model.Predict(data.Inputs[s]);
            for (var o = 0; o < y.Length; o++) total += (y[o] - data.Targets[s][o]) * (y[o] - data.Targets[s][o]) / y.Length;
        }

        return total / data.Inputs.Length;
    }

    private static Dictionary<string, float[]> NewGradients(Mlp model) =>
        model.States(StateKinds.Param).ToDictionary(e => e.Path, e => new float[((NdArray<float>)e.Value!).Length]);

    // Accumulates scale * d(loss)/d(parameter) for one sample; returns the sample's loss.
    private static float Backward(Mlp model, float[] x, float[] target, Dictionary<string, float[]> gradients, float scale)
    {
        var y = model.Forward(x, out var hidden);
        var loss = 0f;
        var dy = new float[y.Length];
        for (var o = 0; o < y.Length; o++)
        {
            var error = y[o] - target[o];
            loss += error * error / y.Length;
            dy[o] = 2f * error / y.Length * scale;
        }

        var head = model.Head;
        var dHidden = new float[hidden.Length];
        var gW2 = gradients["head.weight"];
        var gB2 = gradients["head.bias"];
        for (var h = 0; h < hidden.Length; h++)
        {
            for (var o = 0; o < y.Length; o++)
            {
                gW2[h * y.Length + o] += hidden[h] * dy[o];
                dHidden[h] += head.Weight.Data[h * y.Length + o] * dy[o];
            }
        }

        for (var o = 0; o < y.Length; o++) gB2[o] += dy[o];
        var gW1 = gradients["encoder.weight"];
        var gB1 = gradients["encoder.bias"];
        for (var h = 0; h < hidden.Length; h++)
        {
            var dPre = dHidden[h] * (1f - hidden[h] * hidden[h]);
            gB1[h] += dPre;
            for (var i = 0; i < x.Length; i++) gW1[i * hidden.Length + h] += x[i] * dPre;
        }

        return loss;
    }
}
