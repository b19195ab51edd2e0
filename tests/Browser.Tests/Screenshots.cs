using Microsoft.Playwright;

namespace Matching.Browser.Tests;

/// <summary>Pictures of the pages as the tests left them, kept beside the test binaries for a person to look at.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, $"{name}.png"), FullPage = true });
    }
}
