return Checkpoint.Cli.CliApp.Run(args, Console.Out, Console.Error);
