using System.Text.RegularExpressions;
using Dockhand.Tests.Infrastructure;
using Hangfire;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dockhand.Tests.Dashboard;

/// <summary>
/// The Hangfire dashboard as a user sees it: headless chromium against the dashboard host
/// served on a real loopback port, reaching each run by clicking through the menus.
/// </summary>
[Collection(SequentialCollection.Name)]
public sealed class DashboardBrowserTests(LoopbackDockhandFixture fixture, HeadlessChromium chromium)
    : DockhandTest<LoopbackDockhandFixture>(fixture), IClassFixture<HeadlessChromium>
{
    [Fact]
    public async Task SucceededRun_IsReachedByClickingJobsThenSucceeded_AndItsPageShowsTheSucceededState()
    {
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["echo", "hello-from-the-browser-test"] } }
            """);
        var run = await Api.WaitAsync(runId);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal("hello-from-the-browser-test\n", RunsApiClient.TextOf(await Api.LogsAsync(runId), "stdout", 1));
        var jobId = run.GetProperty("hangfireJobId").GetString()!;
        await WaitForHangfireStateAsync(jobId, "Succeeded");

        await chromium.OnPageAsync(Fixture.Address, nameof(SucceededRun_IsReachedByClickingJobsThenSucceeded_AndItsPageShowsTheSucceededState), async page =>
        {
            await OpenJobsListAsync(page, "Succeeded");

            await page.GetByRole(AriaRole.Link, new() { Name = $"Dockhand run {runId}", Exact = true }).ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/hangfire/jobs/details/{jobId}$"));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Dockhand run {runId}", Exact = true })).ToBeVisibleAsync();
            var currentState = page.Locator(".state-card").First; // newest first
            await Expect(currentState.Locator(".state-card-title")).ToContainTextAsync("Succeeded");
            await Expect(currentState).ToHaveClassAsync(new Regex("state-card-state-success"));
        });
    }

    [Fact]
    public async Task FailedRun_ShowsOnTheFailedPage_WithExitCode3AsTheReason()
    {
        var runId = await Api.SubmitAsync("""
            { "image": "dockhand/busybox:local", "pull": "Never",
              "run": { "command": ["sh", "-c", "exit 3"] },
              "retry": { "attempts": 1 } }
            """);
        var run = await Api.WaitAsync(runId);
        Assert.Equal("Failed", run.GetProperty("status").GetString());
        var jobId = run.GetProperty("hangfireJobId").GetString()!;
        await WaitForHangfireStateAsync(jobId, "Failed");

        await chromium.OnPageAsync(Fixture.Address, nameof(FailedRun_ShowsOnTheFailedPage_WithExitCode3AsTheReason), async page =>
        {
            await OpenJobsListAsync(page, "Failed");

            var job = page.GetByRole(AriaRole.Link, new() { Name = $"Dockhand run {runId}", Exact = true });
            // The list shows each failure in the row under the job's.
            var failureDetails = job.Locator("xpath=ancestor::tr[1]/following-sibling::tr[1]");
            await Expect(failureDetails).ToContainTextAsync("AttemptFailedException");
            await Expect(failureDetails).ToContainTextAsync("exit code 3");

            await job.ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex($"/hangfire/jobs/details/{jobId}$"));
            var currentState = page.Locator(".state-card").First;
            await Expect(currentState.Locator(".state-card-title")).ToContainTextAsync("Failed");
            await Expect(currentState).ToContainTextAsync("exit code 3");
        });
    }

    /// <summary>From the dashboard's home, clicks Jobs in the top menu, then the list in the side menu.</summary>
    private static async Task OpenJobsListAsync(IPage page, string list)
    {
        await page.GotoAsync("/hangfire");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        // The link's name carries its counters ("Jobs 1"); "Recurring Jobs" must not match.
        await page.Locator(".navbar").GetByRole(AriaRole.Link, new() { NameRegex = new Regex(@"^\s*Jobs\b") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/hangfire/jobs/enqueued$"));

        await page.Locator("#stats").GetByRole(AriaRole.Link, new() { NameRegex = new Regex($@"^\s*{list}\b") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/hangfire/jobs/{list.ToLowerInvariant()}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{list} Jobs" })).ToBeVisibleAsync();
    }

    /// <summary>
    /// The run's record ends before Hangfire moves its job to the final state: wait for that state,
    /// so the list the browser opens already holds the job (a list page does not refresh itself).
    /// </summary>
    private async Task WaitForHangfireStateAsync(string jobId, string state)
    {
        using var connection = Fixture.App.Service<JobStorage>().GetConnection();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (connection.GetStateData(jobId)?.Name != state)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Hangfire job {jobId} did not reach {state} within 15 s: {new RunCounter(Fixture.App).DescribeHangfireJob(jobId)}");
            await Task.Delay(100);
        }
    }
}
