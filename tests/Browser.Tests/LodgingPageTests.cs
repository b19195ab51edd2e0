using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The lodging operator's grid: each night's free, held and occupied beds, live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LodgingPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task Reserving_and_checking_in_move_beds_from_free_to_held_and_occupied()
    {
        var site = await _api.SiteAsync(beds: 3);
        var arriving = await _api.WorkerAsync();
        var later = await _api.WorkerAsync("qujing");
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await OpenAsync(page, site);
        await Expect(Night(page, 0, "free")).ToHaveTextAsync("3");
        await Expect(Night(page, 13, "total")).ToHaveTextAsync("3");

        var stay = await _api.ReserveAsync(site, arriving, from: 0, to: 2);
        await _api.ReserveAsync(site, later, from: 3, to: 5);

        await Expect(Night(page, 0, "held")).ToHaveTextAsync("1");
        await Expect(Night(page, 0, "free")).ToHaveTextAsync("2");
        await Expect(Night(page, 3, "held")).ToHaveTextAsync("1");
        await Expect(Night(page, 4, "free")).ToHaveTextAsync("2");

        await _api.CheckInToStayAsync(stay);

        await Expect(Night(page, 0, "occupied")).ToHaveTextAsync("1");
        await Expect(Night(page, 1, "occupied")).ToHaveTextAsync("1");
        await Expect(Night(page, 0, "held")).ToHaveTextAsync("0");
        await Expect(Night(page, 2, "free")).ToHaveTextAsync("3");
        await Expect(Night(page, 3, "held")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "lodging-grid");
    }

    internal static ILocator Night(IPage page, int daysFromToday, string kind) =>
        page.GetByTestId("nights").GetByTestId($"{Scenario.Date(daysFromToday)}-{kind}");

    internal static async Task OpenAsync(IPage page, string siteId)
    {
        await page.GotoAsync($"/lodging.html?siteId={siteId}");
        await Expect(page.Locator("#site-name")).ToHaveTextAsync("有嘉客栈·安亭");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
    }
}
