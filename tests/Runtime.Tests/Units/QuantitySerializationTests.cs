using System.Text.Json;
using Checkpoint.Runtime.Tests.Files;
using Checkpoint.Runtime.Tests.Formats;
using Checkpoint.Formats.MsgPack;

namespace Checkpoint.Runtime.Tests.Quantities;


public class QuantitySerializationTests
{
    private const string Fixture = "19_quantity.msgpack";

    private static string FixturePath => Path.Combine(Fixtures.Directory, Fixture);

    private static JsonElement Expected(string key) =>
        Fixtures.Entry(Fixture).GetProperty("msgpack_load_no_target").GetProperty("items").GetProperty(key);

    private static float[] ExpectedMantissa(string key) =>
        Expected(key).GetProperty("items").GetProperty("mantissa").GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray();

    [Fact]
    public void To_node_writes_the_braintools_map()
    {
        var node = (NdArray<float>.FromData([10f, 20f], [2]) * Units.ms).ToNode();
        var expected = Expected("tau");
        Assert.Equal(expected.GetProperty("keys").EnumerateArray().Select(k => k.GetString()), node.Keys);
        Assert.IsType<IntegerNode>(node["scale"]);
        Assert.Equal(expected.GetProperty("items").GetProperty("scale").GetProperty("value").GetInt32(), (int)((IntegerNode)node["scale"]).Value);
        Assert.Equal(10.0, ((FloatNode)node["base"]).Value);
        Assert.Equal(1.0, ((FloatNode)node["factor"]).Value);
        var dim = ((TensorNode)node["dim"]).Tensor;
        Assert.Equal(DType.Int64, dim.DType);
        Assert.Equal(expected.GetProperty("items").GetProperty("dim").GetProperty("values").EnumerateArray().Select(v => v.GetInt64()), ((NdArray<long>)dim).Data);
    }

    [Fact]
    public void Quantities_save_byte_identical_to_the_python_fixture()
    {
        var tree = new Dictionary<string, object?>
        {
            ["tau"] = NdArray<float>.FromData([10f, 20f], [2]) * Units.ms,
            ["v_th"] = new Quantity(NdArray<float>.Scalar(-50f), Units.mV),
        };
        var bytes = MsgPackWriter.ToBytes(TreeConverter.FromObject(tree));
        Assert.Equal(Fixtures.Bytes(Fixture), bytes);
    }

    [Fact]
    public void The_fixture_loads_into_quantity_members()
    {
        var model = new Membrane { Tau = NdArray<float>.Zeros(2) * Units.ms, VTh = new Quantity(NdArray<float>.Scalar(0f), Units.mV) };
        var report = MsgPackCheckpoint.Load(FixturePath, model);
        Assert.True(report.IsClean, report.ToString());
        Assert.Equal(ExpectedMantissa("tau"), ((NdArray<float>)model.Tau!.Mantissa).Data);
        Assert.Equal(Units.ms, model.Tau.Unit);
        Assert.Equal(ExpectedMantissa("v_th").Single(), model.VTh!.Value);
        Assert.True(model.VTh.IsScalar);
    }

    [Fact]
    public void Null_quantity_members_take_the_saved_unit()
    {
        var model = new Membrane();
        MsgPackCheckpoint.Load(FixturePath, model);
        Assert.Same(Units.ms, model.Tau!.Unit);
        Assert.Same(Units.mV, model.VTh!.Unit);
    }

    [Fact]
    public void A_different_unit_is_a_mismatch_with_the_path_and_both_units()
    {
        var model = new Membrane { Tau = NdArray<float>.Zeros(2) * Units.mV, VTh = new Quantity(NdArray<float>.Scalar(1f), Units.mV) };
        var error = Assert.Throws<StateMismatchException>(() => MsgPackCheckpoint.Load(FixturePath, model));
        var problem = Assert.Single(error.Report.Problems);
        Assert.Equal("tau", problem.Path);
        Assert.Equal("unit mismatch: expected mV, got ms", problem.Reason);
        Assert.Contains("'tau': unit mismatch: expected mV, got ms", error.Message);
        Assert.Equal(0f, ((NdArray<float>)model.Tau.Mantissa).Data[0]); // error mode changed nothing
        Assert.Equal(1f, model.VTh!.Value);
    }

    [Fact]
    public void Under_warn_a_unit_mismatch_keeps_the_value_and_loads_the_rest()
    {
        var tau = NdArray<float>.Zeros(2) * Units.s;
        var model = new Membrane { Tau = tau, VTh = new Quantity(NdArray<float>.Scalar(0f), Units.mV) };
        var report = MsgPackCheckpoint.Load(FixturePath, model, Mismatch.Warn);
        Assert.Same(tau, model.Tau);
        Assert.Equal(-50.0, model.VTh!.Value);
        Assert.Equal("unit mismatch: expected s, got ms", Assert.Single(report.Mismatched).Reason);
    }

    [Fact]
    public void Quantities_round_trip_through_a_file_and_a_template()
    {
        using var dir = new TempDirectory();
        var saved = new Dictionary<string, object?>
        {
            ["time_constant"] = 10.0 * Units.ms,
            ["resistance"] = 100.0 * Units.mohm,
            ["capacitance"] = 200.0 * Units.pF,
            ["voltage_threshold"] = -50.0 * Units.mV,
        };
        var path = MsgPackCheckpoint.Save(dir.File("physics.msgpack"), saved);
        var template = saved.ToDictionary(p => p.Key, p => (object?)new Quantity(0.0, ((Quantity)p.Value!).Unit));
        var restored = MsgPackCheckpoint.Restore(path, template);
        foreach (var (key, value) in saved) Assert.Equal(value, restored[key]);
        Assert.Equal("ms", ((Quantity)restored["time_constant"]!).Unit.Name);
    }

    [Fact]
    public void From_node_rejects_maps_that_are_not_quantities()
    {
        var error = Assert.Throws<CheckpointException>(() => Quantity.FromNode(new StateDict { { "mantissa", 1.0 } }));
        Assert.Contains("mantissa, scale", error.Message);
        Assert.False(Quantity.TryFromNode(new FloatNode(1), out _, out var reason));
        Assert.Contains("float", reason);
    }
}
