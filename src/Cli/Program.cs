return Checkpoint.Cli.CliApp.Run(args, Checkpoint.Cli.CliConsole.FromProcess());
