using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The start page's link opens the Orleans Dashboard for an admin, and the dashboard shows the grains.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task The_start_page_opens_the_dashboard_which_shows_the_products_grains()
    {
        await _api.EmployerAsync();
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Add(message.Text);
            }
        };

        await page.GotoAsync("/");
        await page.GetByTestId("link-dashboard").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard/$"));
        await Expect(page).ToHaveTitleAsync("Orleans Dashboard");
        await Expect(page.Locator("#content")).Not.ToContainTextAsync("Loading...");
        await page.GotoAsync("/dashboard/#/grains");
        await Expect(page.Locator("#content")).ToContainTextAsync("EmployerGrain");
        await Screenshots.SaveAsync(page, "dashboard");
        Assert.Empty(refused);
    }
}
