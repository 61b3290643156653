using Dockhand.Cli;

// The real console, network and environment; the command tree is in DockhandCli.
using var network = CliHost.CreateNetwork();
var host = new CliHost(Console.Out, Console.Error, network, Environment.GetEnvironmentVariable);
return await DockhandCli.RunAsync(args, host, CancellationToken.None);
