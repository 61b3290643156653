using Microsoft.Playwright;

namespace Dockhand.Tests.Infrastructure;

/// <summary>
/// Debian's chromium, headless, driven by Playwright, for one test class. Playwright's own
/// browser download cannot reach its servers here, so the system browser is launched by path;
/// a machine without it fails the tests with the way to install it, never skips them.
/// </summary>
public sealed class HeadlessChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("chromium is not started");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the dashboard's browser tests drive Debian's chromium. "
                + "Install it with `scripts/engine.sh --browser` (scripts/test.sh does) or `apt-get install chromium`.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // --no-sandbox: tests run as root, where chromium refuses its sandbox. The rest keep it
            // from calling home: the closed network refuses those connections, which only slows it.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// Runs <paramref name="test"/> on a new page of a fresh context whose base URL is
    /// <paramref name="baseAddress"/>. When it fails, a screenshot of the page is saved under
    /// the repository's TestResults/screenshots/ (named after <paramref name="testName"/>).
    /// </summary>
    public async Task OnPageAsync(Uri baseAddress, string testName, Func<IPage, Task> test)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
        }
        catch
        {
            var path = Path.Combine(ResultsDirectory(), "screenshots", $"{testName}-{DateTime.UtcNow:HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            Console.Error.WriteLine($"screenshot of the failing page ({page.Url}): {path}");
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>TestResults/ at the repository's root (ignored by git), found from the test assembly's folder.</summary>
    private static string ResultsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Worker.sln")))
            {
                return Path.Combine(directory.FullName, "TestResults");
            }
        }

        return Path.Combine(Path.GetTempPath(), "dockhand-test-results");
    }
}
