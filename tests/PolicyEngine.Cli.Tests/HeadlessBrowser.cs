using PuppeteerSharp;

namespace PolicyEngine.Cli.Tests;

/// <summary>
/// A real headless Chromium (Debian's chromium, which .ci/run installs; PUPPETEER_EXECUTABLE_PATH overrides)
/// driven by PuppeteerSharp: opens a report file and says what a reader's browser would — console errors, requests
/// made, how each chart rendered — and takes its picture.
/// </summary>
internal static class HeadlessBrowser
{
    /// <summary>What the browser saw of a page.</summary>
    /// <param name="Errors">Console errors and uncaught page errors.</param>
    /// <param name="Requests">Every URL the page asked for.</param>
    /// <param name="Charts">Each chart's rendered size and how many shapes and texts it drew.</param>
    /// <param name="Screenshot">The whole page as PNG.</param>
    public sealed record Seen(IReadOnlyList<string> Errors, IReadOnlyList<string> Requests, IReadOnlyList<Chart> Charts, byte[] Screenshot);

    /// <summary>One chart as rendered.</summary>
    public sealed record Chart(string Id, double Width, double Height, int Paths, int Texts, double DrawnWidth, double DrawnHeight);

    public static async Task<Seen> Open(string file)
    {
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = Executable(),
            // Root in a container has no sandbox to drop into.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (errors)
                {
                    errors.Add(e.Message.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.Message);
            }
        };
        page.Request += (_, e) =>
        {
            lock (requests)
            {
                requests.Add(e.Request.Url);
            }
        };
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Load);
        var charts = await page.EvaluateExpressionAsync<Chart[]>("""
            Array.from(document.querySelectorAll('figure.chart svg')).map(s => {
              const r = s.getBoundingClientRect();
              let w = 0, h = 0;
              for (const p of s.querySelectorAll('path')) { const b = p.getBBox(); w = Math.max(w, b.width); h = Math.max(h, b.height); }
              return { id: s.getAttribute('data-chart') ?? '', width: r.width, height: r.height,
                       paths: s.querySelectorAll('path').length, texts: s.querySelectorAll('text').length, drawnWidth: w, drawnHeight: h };
            })
            """);
        var screenshot = await page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = true, Type = ScreenshotType.Png });
        return new Seen(errors, requests, charts, screenshot);
    }

    private static string Executable() =>
        Environment.GetEnvironmentVariable("PUPPETEER_EXECUTABLE_PATH") is { Length: > 0 } configured ? configured
        : new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("no Chromium found (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)");
}
