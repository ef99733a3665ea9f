using Checkpoint.SourceRules;

namespace Checkpoint.Generators.Tests;

/// <summary>The naming conversions, against the examples of the specification.</summary>
public class NamingPoliciesTests
{
    [Theory]
    [InlineData("RunningMean", "running_mean")]
    [InlineData("VRest", "v_rest")]
    [InlineData("HTTPServer", "http_server")]
    [InlineData("Layer2Weight", "layer2_weight")]
    [InlineData("W", "w")]
    [InlineData("weight", "weight")]
    [InlineData("_runningMean", "_running_mean")]
    [InlineData("Already_Snake", "already_snake")]
    public void Snake_case(string name, string expected) =>
        Assert.Equal(expected, NamingPolicies.Apply(name, SourceNamingPolicy.SnakeCase));

    [Theory]
    [InlineData("RunningMean", "runningMean")]
    [InlineData("HTTPServer", "httpServer")]
    [InlineData("VRest", "vRest")]
    [InlineData("W", "w")]
    [InlineData("tau", "tau")]
    public void Camel_case(string name, string expected) =>
        Assert.Equal(expected, NamingPolicies.Apply(name, SourceNamingPolicy.CamelCase));

    [Fact]
    public void As_declared_keeps_the_name() =>
        Assert.Equal("RunningMean", NamingPolicies.Apply("RunningMean", SourceNamingPolicy.AsDeclared));
}
