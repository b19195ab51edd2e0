using Matching.Api.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>
/// A fair day from the door: the printable card, the desk checking visitors in by a scanned code, the booth scanning
/// a visitor to see the fit and hold, two big screens in step, and the end-of-day summary on both.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FairDoorTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task The_card_shows_the_code_and_its_qr_image_to_print()
    {
        var worker = await _api.WorkerAsync();
        var code = await CodeAsync(worker);
        await using var session = await fixture.NewPageAsync(output, 900, 700);
        var page = session.Page;

        await page.GotoAsync($"/card.html?workerId={worker}");
        // The page sets the text first and marks itself ready only once the QR image has decoded.
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        await Expect(page.GetByTestId("code")).ToHaveTextAsync(code);
        await Expect(page.GetByTestId("name")).ToHaveTextAsync("付明");
        Assert.True(await page.GetByTestId("qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"));
        await Screenshots.SaveAsync(page, "fair-card");
    }

    [Fact]
    public async Task The_desk_checks_a_scanned_code_in_once_and_says_so_on_a_repeat()
    {
        var employer = await _api.EmployerAsync();
        await _api.JobOrderAsync(employer);
        var fair = await _api.FairAsync(employer);
        var code = await CodeAsync(await _api.WorkerAsync());
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync($"/desk.html?fairId={fair}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        // A USB scanner types the code into the focused input and presses Enter.
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("result")).ToHaveAttributeAsync("data-kind", "ok");
        await Expect(page.GetByTestId("result")).ToContainTextAsync("签到成功：付*");
        await Expect(page.GetByTestId("result")).ToContainTextAsync("推荐岗位：电焊工 · 临沧 → 某重工");
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("code")).ToHaveValueAsync("");

        await page.Keyboard.TypeAsync(code.Replace("-", "").ToLowerInvariant());
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("result")).ToHaveAttributeAsync("data-kind", "repeat");
        await Expect(page.GetByTestId("result")).ToContainTextAsync("已签到过：付*（不重复计数）");
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("history").Locator("li")).ToHaveCountAsync(2);
        await Screenshots.SaveAsync(page, "fair-desk");

        await page.Keyboard.TypeAsync("00000-00000");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("result")).ToHaveAttributeAsync("data-kind", "bad");
        await Expect(page.GetByTestId("result")).ToContainTextAsync("未找到该签到码");
    }

    [Fact]
    public async Task A_booth_scan_shows_the_fit_with_the_booths_orders_and_holds_in_one_tap()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer);
        var fair = await _api.FairAsync(employer);
        var worker = await _api.WorkerAsync();
        var code = await CodeAsync(worker);
        await _api.CheckInAsync(fair, worker);
        var token = fixture.Api.Token(Caller.Recruiter(employer));
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync($"/booth.html?fairId={fair}&token={token}");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");

        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("visitor")).ToContainTextAsync("付* · 138****5678");
        var fit = page.GetByTestId("fits").Locator($"li[data-job-order-id='{order}']");
        await Expect(fit).ToContainTextAsync("分");
        foreach (var label in await _api.ReasonLabelsAsync(worker, order))
        {
            await Expect(fit).ToContainTextAsync(label);
        }

        await fit.GetByTestId("hold").ClickAsync();
        await Expect(fit.GetByTestId("hold")).ToContainTextAsync("已预留至");
        await Expect(page.GetByTestId("message")).ToContainTextAsync("已为「电焊工」预留该求职者");
        await Screenshots.SaveAsync(page, "fair-booth");
        var holds = await fixture.Client.GetStringAsync($"/api/job-orders/{order}/holds");
        Assert.Contains(worker, holds);
    }

    [Fact]
    public async Task Two_big_screens_show_the_same_figures_and_ticker_and_the_end_of_day_summary()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer, headcount: 5);
        var fair = await _api.FairAsync(employer);
        await using var first = await fixture.NewPageAsync(output, 1920, 1080);
        await FairScreenTests.OpenAsync(first.Page, fair);
        var workers = new List<string>();
        foreach (var prefecture in new[] { "lincang", "qujing" })
        {
            workers.Add(await _api.WorkerAsync(prefecture));
            await _api.CheckInAsync(fair, workers[^1]);
        }

        // The second screen is switched on later: it starts from the board, then follows the same pushes.
        await using var second = await fixture.NewPageAsync(output, 1920, 1080);
        await FairScreenTests.OpenAsync(second.Page, fair);
        foreach (var prefecture in new[] { "dali", "lincang" })
        {
            workers.Add(await _api.WorkerAsync(prefecture));
            await _api.CheckInAsync(fair, workers[^1]);
        }

        foreach (var page in new[] { first.Page, second.Page })
        {
            await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("4");
            await Expect(page.GetByTestId("matched")).ToHaveTextAsync("4");
            await Expect(page.GetByTestId("ticker").Locator("li")).ToHaveCountAsync(4);
        }

        Assert.Equal(await TickerAsync(first.Page), await TickerAsync(second.Page));
        Assert.Equal(
            await first.Page.GetByTestId("by-prefecture").InnerTextAsync(),
            await second.Page.GetByTestId("by-prefecture").InnerTextAsync());

        await _api.HoldAsync(order, workers[0]);
        Assert.True((await fixture.Client.PostAsync($"/api/fairs/{fair}/close", null)).IsSuccessStatusCode);
        foreach (var page in new[] { first.Page, second.Page })
        {
            await Expect(page.GetByTestId("summary")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("sum-check-ins")).ToHaveTextAsync("4");
            await Expect(page.GetByTestId("sum-matched")).ToHaveTextAsync("4");
            await Expect(page.GetByTestId("sum-held")).ToHaveTextAsync("1");
            await Expect(page.GetByTestId("sum-origins")).ToContainTextAsync("临沧 2 人");
        }

        await Screenshots.SaveAsync(second.Page, "fair-summary");

        // A screen switched on after the close shows the summary from the board.
        await using var third = await fixture.NewPageAsync(output, 1920, 1080);
        await FairScreenTests.OpenAsync(third.Page, fair);
        await Expect(third.Page.GetByTestId("sum-held")).ToHaveTextAsync("1");
    }

    private static async Task<string[]> TickerAsync(IPage page) =>
        [.. await page.GetByTestId("ticker").Locator("li").AllInnerTextsAsync()];

    private async Task<string> CodeAsync(string worker)
    {
        var card = System.Text.Json.JsonDocument.Parse(await fixture.Client.GetStringAsync($"/api/workers/{worker}/check-in-card"));
        return card.RootElement.GetProperty("code").GetString()!;
    }
}
