namespace Dockhand.Jobs.Execution;

/// <summary>Bound from <c>Dockhand:Worker</c>: how this process serves Hangfire's queues.</summary>
public sealed class WorkerOptions
{
    /// <summary>Names this worker in attempts, container labels and Hangfire's Servers page.</summary>
    public string Node { get; set; } = Environment.MachineName;

    /// <summary>Queues served, in Hangfire's order (alphabetical).</summary>
    public List<string> Queues { get; set; } = [];

    /// <summary>Jobs run at once by this worker.</summary>
    public int Count { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>How often due retries are moved to their queue; Hangfire's default of 15 s would delay short backoffs.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Given to a container between SIGTERM and SIGKILL when it is stopped.</summary>
    public TimeSpan StopGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long running attempts may go on by themselves before their
    /// containers are stopped and the attempts recorded as interrupted (the job then runs again
    /// on another worker).</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>On shutdown, how long in all to wait for interrupted attempts to stop their containers and record themselves.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(40);
}
