using Checkpoint.Cli.Commands;

namespace Checkpoint.Cli.Tests;

/// <summary>Help for every command, and exit code 2 with a one-line reason for every kind of wrong command line.</summary>
public class HelpAndUsageTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in CommandRegistry.All()) data.Add(command.Name);
        return data;
    }

    [Fact]
    public void The_registry_has_every_command()
    {
        Assert.Equal(["convert", "diff", "inspect", "schema", "verify"], CommandRegistry.All().Select(c => c.Name));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Root_help_lists_every_command_and_the_exit_codes(string flag)
    {
        var result = CliRunner.Run(flag);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        foreach (var command in CommandRegistry.All()) Assert.Contains($"  {command.Name} ", result.Output);
        Assert.Contains("Exit codes: 0 ok, 1 bad file, refusal or (diff) a difference, 2 usage error", result.Output);
        Assert.Contains("--version", result.Output);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_command_has_help_with_usage_options_and_exit_codes(string command)
    {
        var result = CliRunner.Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Contains($"checkpoint {command} ", result.Output);
        Assert.Contains("Exit codes: 0 ok, 1 bad file, refusal or (diff) a difference, 2 usage error", result.Output);
        Assert.Contains("-h, --help", result.Output);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_unknown_option_is_a_usage_error_for_every_command(string command)
    {
        var result = CliRunner.Run(command, "--frobnicate", CliRunner.Fixture("01_f32_matrix.msgpack"), CliRunner.Fixture("01_f32_matrix.msgpack"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("checkpoint: unknown option '--frobnicate'", result.Error);
        Assert.Contains($"Run 'checkpoint {command} --help' for usage.", result.Error);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_missing_argument_is_a_usage_error_for_every_command(string command)
    {
        var result = CliRunner.Run(command);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("checkpoint: ", result.Error);
        Assert.Contains($"Run 'checkpoint {command} --help' for usage.", result.Error);
    }

    [Fact]
    public void An_extra_argument_is_a_usage_error()
    {
        var result = CliRunner.Run("inspect", CliRunner.Fixture("01_f32_matrix.msgpack"), "extra");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'extra'", result.Error);
    }

    [Fact]
    public void An_unknown_command_names_the_commands()
    {
        var result = CliRunner.Run("frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("checkpoint: unknown command 'frobnicate' (commands: convert, diff, inspect, schema, verify)", result.Error);
    }

    [Fact]
    public void No_command_is_a_usage_error()
    {
        var result = CliRunner.Run();

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no command given", result.Error);
        Assert.Contains("Run 'checkpoint --help' for usage.", result.Error);
    }

    [Fact]
    public void A_file_whose_name_starts_with_a_dash_is_given_after_a_double_dash()
    {
        using var folder = new TempFolder();
        var path = folder["-weights.msgpack"];
        File.Copy(CliRunner.Fixture("01_f32_matrix.msgpack"), path);

        Assert.Equal(2, CliProcess.RunIn(folder.Path, null, "inspect", "-weights.msgpack").ExitCode);
        var result = CliProcess.RunIn(folder.Path, null, "inspect", "--", "-weights.msgpack");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("-weights.msgpack (msgpack", result.Output);
    }

    [Fact]
    public void Version_prints_the_library_version()
    {
        var result = CliRunner.Run("--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(LibraryInfo.Version, result.Output.Trim());
        Assert.Matches(@"^\d+\.\d+\.\d+$", result.Output.Trim());
    }

    [Fact]
    public void The_real_process_gives_the_same_exit_codes()
    {
        Assert.Equal(0, CliProcess.Run("inspect", "--help").ExitCode);
        var usage = CliProcess.Run("inspect", "--frobnicate", CliRunner.Fixture("01_f32_matrix.msgpack"));
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("unknown option '--frobnicate'", usage.Error);
        var missing = CliProcess.Run("verify", "/nonexistent/model.msgpack");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal("checkpoint: Checkpoint not found: /nonexistent/model.msgpack", missing.Error.TrimEnd());
    }
}
