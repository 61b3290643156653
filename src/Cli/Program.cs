using Dockhand.Cli;

// The real console, network, environment and Ctrl+C; the command tree is in DockhandCli.
using var interruption = new Interruption();
using var network = CliHost.CreateNetwork();
var host = new CliHost(Console.Out, Console.Error, network, Environment.GetEnvironmentVariable);
return await DockhandCli.RunAsync(args, host, interruption.Token);
