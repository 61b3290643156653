using Dockhand.Bench;

// Measures, against a running Dockhand (scripts/up.sh), how long a job waits between being
// submitted and its attempt starting on an idle worker, and how a whole tiny job compares with
// a bare `docker run --rm` of the same image measured in the same session (a ratio, because
// these machines are noisy).
var server = new Uri(args.Length > 0 ? args[0] : Environment.GetEnvironmentVariable("DOCKHAND_URL") ?? "http://127.0.0.1:5080");
var jobs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;

var latency = await LatencyBenchmark.RunAsync(server, jobs, CancellationToken.None);
var baseline = await DockerRunBaseline.MeasureAsync(jobs, CancellationToken.None);

Console.WriteLine($"jobs: {jobs} sequential image jobs (dockhand/busybox:local, `true`), each submitted when the worker was idle");
Console.WriteLine($"submit-to-start (run created -> attempt started): {Stats.Describe(latency.SubmitToStart)}");
Console.WriteLine($"submit-to-finish (run created -> run finished):   {Stats.Describe(latency.SubmitToFinish)}");
Console.WriteLine($"docker run --rm baseline (whole process):         {Stats.Describe(baseline)}");
Console.WriteLine($"ratio of medians, Dockhand job / docker run --rm:  {Stats.Median(latency.SubmitToFinish) / Stats.Median(baseline):F2}");
