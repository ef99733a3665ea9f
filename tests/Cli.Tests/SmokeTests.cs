namespace Checkpoint.Cli.Tests;

public class SmokeTests
{
    [Fact]
    public void Project_builds_and_runs_tests() => Assert.Equal(2, 1 + 1);
}
