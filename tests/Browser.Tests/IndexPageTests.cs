using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class IndexPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task The_start_page_links_to_the_console_and_to_each_fair_and_site()
    {
        var employer = await _api.EmployerAsync();
        var fair = await _api.FairAsync(employer);
        var site = await _api.SiteAsync(beds: 2);
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;

        await page.GotoAsync("/");

        await Expect(page).ToHaveTitleAsync("东西部劳务协作 · 实时匹配");
        await Expect(page.GetByTestId("link-recruiter")).ToHaveAttributeAsync("href", "recruiter.html");
        await Expect(page.GetByTestId("fairs").Locator($"a[href='fair.html?fairId={fair}']")).ToHaveTextAsync(new Regex("东西部劳务协作专场招聘会"));
        await Expect(page.GetByTestId("sites").Locator($"a[href='lodging.html?siteId={site}']")).ToHaveTextAsync("有嘉客栈·安亭");
        await Screenshots.SaveAsync(page, "index");

        await page.GetByTestId("fairs").Locator($"a[href='fair.html?fairId={fair}']").ClickAsync();
        await Expect(page.Locator("#fair-name")).ToHaveTextAsync("东西部劳务协作专场招聘会");
    }
}
