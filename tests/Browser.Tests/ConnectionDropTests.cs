using System.Text.RegularExpressions;
using Matching.Feeds;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orleans.Core.Internal;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>
/// A page that loses its connection says so, reconnects by itself, joins again from the last event it had,
/// and then shows what happened while it was away (replayed by the server, not reloaded).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConnectionDropTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task The_fair_screen_recovers_after_a_drop_and_shows_the_check_ins_it_missed()
    {
        var employer = await _api.EmployerAsync();
        await _api.JobOrderAsync(employer, headcount: 5);
        var fair = await _api.FairAsync(employer);
        var before = await _api.WorkerAsync("lincang");
        var during = new[] { await _api.WorkerAsync("dali"), await _api.WorkerAsync("zhaotong") };
        await using var session = await fixture.NewPageAsync(output, 1920, 1080);
        var page = session.Page;
        var link = await HubLink.InstallAsync(page);
        await FairScreenTests.OpenAsync(page, fair);
        await _api.CheckInAsync(fair, before);
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("1");

        await link.DropAsync();
        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "reconnecting");
        foreach (var worker in during)
        {
            await _api.CheckInAsync(fair, worker);
        }

        await Screenshots.SaveAsync(page, "fair-during-drop");
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("1");
        link.Restore();

        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(Connection(page)).ToHaveTextAsync(Replayed());
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("matched")).ToHaveTextAsync("3");
        await Expect(FairScreenTests.Bar(page, "by-prefecture", "dali")).ToContainTextAsync("大理");
        await Expect(FairScreenTests.Bar(page, "by-prefecture", "zhaotong")).ToContainTextAsync("昭通");
        await Expect(page.GetByTestId("ticker").Locator("li")).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(page, "fair-after-drop");
    }

    [Fact]
    public async Task The_recruiter_console_recovers_after_a_drop_and_shows_the_candidate_and_hold_it_missed()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer, headcount: 3);
        var known = await _api.WorkerAsync();
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        var link = await HubLink.InstallAsync(page);
        await RecruiterPageTests.OpenAsync(page, employer, order);
        await Expect(RecruiterPageTests.Candidate(page, known)).ToBeVisibleAsync();

        await link.DropAsync();
        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "reconnecting");
        var arrived = await _api.WorkerAsync("dali");
        var holdId = await _api.HoldAsync(order, known);
        await Screenshots.SaveAsync(page, "recruiter-during-drop");
        link.Restore();

        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(Connection(page)).ToHaveTextAsync(Replayed());
        await Expect(RecruiterPageTests.Candidate(page, arrived)).ToContainTextAsync("云南 · 大理");
        await Expect(page.GetByTestId("holds").Locator($"[data-hold-id='{holdId}']").GetByTestId("countdown")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("held")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "recruiter-after-drop");
    }

    [Fact]
    public async Task The_lodging_grid_recovers_after_a_drop_and_shows_the_beds_taken_meanwhile()
    {
        var site = await _api.SiteAsync(beds: 2);
        var worker = await _api.WorkerAsync();
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        var link = await HubLink.InstallAsync(page);
        await LodgingPageTests.OpenAsync(page, site);
        await Expect(LodgingPageTests.Night(page, 1, "free")).ToHaveTextAsync("2");

        await link.DropAsync();
        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "reconnecting");
        await _api.ReserveAsync(site, worker, from: 1, to: 3);
        link.Restore();

        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(LodgingPageTests.Night(page, 1, "held")).ToHaveTextAsync("1");
        await Expect(LodgingPageTests.Night(page, 2, "free")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "lodging-after-drop");
    }

    [Fact]
    public async Task The_fair_screen_takes_a_fresh_snapshot_when_the_feed_started_over_while_it_was_away()
    {
        var employer = await _api.EmployerAsync();
        await _api.JobOrderAsync(employer, headcount: 5);
        var fair = await _api.FairAsync(employer);
        var before = await _api.WorkerAsync("lincang");
        var after = await _api.WorkerAsync("wenshan");
        await using var session = await fixture.NewPageAsync(output, 1920, 1080);
        var page = session.Page;
        var link = await HubLink.InstallAsync(page);
        await FairScreenTests.OpenAsync(page, fair);
        await _api.CheckInAsync(fair, before);
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("1");

        await link.DropAsync();
        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "reconnecting");
        // The feed's next activation starts a new epoch: the page's position means nothing there any more.
        var feed = fixture.Api.Services.GetRequiredService<IGrainFactory>().Feed(FeedChannel.Fair(fair)).Partition;
        await feed.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await _api.CheckInAsync(fair, after);
        link.Restore();

        await Expect(Connection(page)).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("check-ins")).ToHaveTextAsync("2");
        await Expect(FairScreenTests.Bar(page, "by-prefecture", "wenshan")).ToContainTextAsync("文山");
        await Expect(page.GetByTestId("ticker").Locator("li")).ToHaveCountAsync(2);
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.matchingLive.stats.snapshots"));
    }

    private static ILocator Connection(IPage page) => page.GetByTestId("connection");

    /// <summary>The indicator after a join that caught up: "实时连接 · 补发 4 条".</summary>
    [GeneratedRegex(@"补发 \d+ 条")]
    private static partial Regex Replayed();
}
