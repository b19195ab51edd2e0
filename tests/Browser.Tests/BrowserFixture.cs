using Matching.Api.Tests;
using Microsoft.Playwright;

namespace Matching.Browser.Tests;

/// <summary>
/// The product on 127.0.0.1 and one headless Chromium for every browser test. The browser is the system's
/// (Debian's <c>chromium</c>): the tests never download one of their own.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Debian's package installs it; another path can be given in the environment.</summary>
    private const string DefaultChromium = "/usr/bin/chromium";

    /// <summary>A quiet browser: no first-run work, no calls home, nothing beyond the product's own address.</summary>
    private static readonly string[] _flags =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    private IPlaywright? _playwright;

    // The pages count holds down and pick their nights on the browser's clock, so the product keeps the real one.
    public BrowserFixture()
        : this(new ApiFactory(ApiFactory.NewDataPath(), TimeProvider.System))
    {
    }

    /// <summary>The browser on a product of the caller's (e.g. one loading the demo data).</summary>
    protected BrowserFixture(ApiFactory api) => Api = api;

    public ApiFactory Api { get; }

    public HttpClient Client { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Client = Api.Client();
        var chromium = Environment.GetEnvironmentVariable("MATCHING_CHROMIUM") is { Length: > 0 } path ? path : DefaultChromium;
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Chromium is not installed at {chromium} (Debian: apt-get install -y chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = _flags,
            Timeout = 60_000,
        });

        // Pages wait on pushes that cross a silo, a relay and a socket on a shared two-core machine.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A fresh browser context (its own cookies and sockets) on the product, with a page in it.</summary>
    public async Task<PageSession> NewPageAsync(ITestOutputHelper output, int width = 1440, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Client.BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) => output.WriteLine($"[console.{message.Type}] {message.Text}");
        page.PageError += (_, error) => output.WriteLine($"[page error] {error}");
        return new PageSession(page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Client?.Dispose();
        await Api.DisposeAsync();
    }
}

/// <summary>A page in a context of its own; disposing it closes the context, sockets and all.</summary>
public sealed class PageSession(IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
