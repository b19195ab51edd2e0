using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The fair's big screen: check-ins and matches counted live, by origin, with the ticker.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FairScreenTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task Check_ins_count_by_origin_and_matches_run_on_the_ticker()
    {
        var employer = await _api.EmployerAsync();
        await _api.JobOrderAsync(employer, headcount: 5);
        var fair = await _api.FairAsync(employer);
        var fromLincang = await _api.WorkerAsync("lincang");
        var fromQujing = await _api.WorkerAsync("qujing");
        await using var session = await fixture.NewPageAsync(output, 1920, 1080);
        var page = session.Page;
        await OpenAsync(page, fair);
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("0");

        await _api.CheckInAsync(fair, fromLincang);
        await _api.CheckInAsync(fair, fromQujing);

        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("matched")).ToHaveTextAsync("2");
        await Expect(Bar(page, "by-province", "yunnan")).ToContainTextAsync("云南");
        await Expect(Bar(page, "by-province", "yunnan").Locator(".count")).ToHaveTextAsync("2");
        await Expect(Bar(page, "by-prefecture", "lincang")).ToContainTextAsync("临沧");
        await Expect(Bar(page, "by-prefecture", "qujing")).ToContainTextAsync("曲靖");
        await Expect(page.GetByTestId("ticker").Locator("li")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("ticker").Locator("li").First).ToContainTextAsync("电焊工 · 曲靖 → 某重工");
        await Expect(page.GetByTestId("ticker")).ToContainTextAsync("电焊工 · 临沧 → 某重工");
        await Screenshots.SaveAsync(page, "fair-board");
    }

    internal static ILocator Bar(IPage page, string list, string code) =>
        page.GetByTestId(list).Locator($"li[data-code='{code}']");

    [Fact]
    public async Task A_token_in_the_address_is_taken_out_of_it_once_read()
    {
        var employer = await _api.EmployerAsync();
        var fair = await _api.FairAsync(employer);
        var token = fixture.Api.Token(new Api.Tests.Caller(Api.Security.Roles.BoardViewer, FairId: fair, Name: "projector"));
        await using var session = await fixture.NewPageAsync(output, 1920, 1080);
        var page = session.Page;

        await page.GotoAsync($"/fair.html?fairId={fair}&token={token}");

        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.EndsWith($"/fair.html?fairId={fair}", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(token, await page.EvaluateAsync<string>("() => location.href"), StringComparison.Ordinal);
    }

    internal static async Task OpenAsync(IPage page, string fairId)
    {
        await page.GotoAsync($"/fair.html?fairId={fairId}");
        await Expect(page.Locator("#fair-name")).ToHaveTextAsync("东西部劳务协作专场招聘会");
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
    }
}
