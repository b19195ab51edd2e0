using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The recruiter's console: candidates arrive live, holds count down, hires update the order.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RecruiterPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private readonly Scenario _api = new(fixture.Client);

    [Fact]
    public async Task A_new_candidate_appears_live_with_reasons_and_a_masked_name_and_phone()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer);
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await OpenAsync(page, employer, order);

        var worker = await _api.WorkerAsync();

        var row = Candidate(page, worker);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("付*");
        await Expect(row).ToContainTextAsync("138****5678");
        await Expect(row).ToContainTextAsync("云南 · 临沧");
        await Expect(row).Not.ToContainTextAsync("付明");
        await Expect(row).Not.ToContainTextAsync("13812345678");
        foreach (var label in await _api.ReasonLabelsAsync(worker, order))
        {
            await Expect(row.GetByTestId("reasons")).ToContainTextAsync(label);
        }

        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "预留" })).ToBeEnabledAsync();
        await Screenshots.SaveAsync(page, "recruiter-candidate-found");
    }

    [Fact]
    public async Task Holding_counts_down_then_hiring_and_releasing_update_the_order()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer, headcount: 2);
        var first = await _api.WorkerAsync();
        var second = await _api.WorkerAsync("qujing");
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await OpenAsync(page, employer, order);
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("2");

        await Candidate(page, first).GetByRole(AriaRole.Button, new() { Name = "预留" }).ClickAsync();

        var hold = page.GetByTestId("holds").GetByTestId("hold");
        await Expect(hold).ToHaveCountAsync(1);
        await Expect(hold.GetByTestId("countdown")).ToHaveTextAsync(Countdown());
        await Expect(page.GetByTestId("held")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("1");
        await Screenshots.SaveAsync(page, "recruiter-held");

        await hold.GetByRole(AriaRole.Button, new() { Name = "录用" }).ClickAsync();

        await Expect(page.GetByTestId("hires").GetByTestId("hire")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("hires")).ToContainTextAsync("付*");
        await Expect(page.GetByTestId("hired")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("held")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("1");
        await Expect(hold).ToHaveCountAsync(0);

        await Candidate(page, second).GetByRole(AriaRole.Button, new() { Name = "预留" }).ClickAsync();
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("0");
        await hold.GetByRole(AriaRole.Button, new() { Name = "释放" }).ClickAsync();

        await Expect(hold).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("activity")).ToContainTextAsync("已录用");
        await Screenshots.SaveAsync(page, "recruiter-hired");
    }

    [Fact]
    public async Task A_hold_and_a_hire_made_elsewhere_show_live()
    {
        var employer = await _api.EmployerAsync();
        var order = await _api.JobOrderAsync(employer, headcount: 1);
        var worker = await _api.WorkerAsync();
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await OpenAsync(page, employer, order);
        await Expect(Candidate(page, worker)).ToBeVisibleAsync();

        var holdId = await _api.HoldAsync(order, worker);

        var hold = page.GetByTestId("holds").Locator($"[data-hold-id='{holdId}']");
        await Expect(hold.GetByTestId("countdown")).ToHaveTextAsync(Countdown());
        await Expect(page.GetByTestId("open-slots")).ToHaveTextAsync("0");

        await _api.ConfirmAsync(holdId);

        await Expect(page.GetByTestId("hires").GetByTestId("hire")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("hired")).ToHaveTextAsync("1");
        await Expect(hold).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("activity")).ToContainTextAsync("岗位已招满");
        await Screenshots.SaveAsync(page, "recruiter-hired-elsewhere");

        // Opened afresh, the filled order is no longer in the live snapshot of open orders, yet still shown.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
        await Expect(page.GetByTestId("order")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("order")).ToContainTextAsync("已招满");
        await Expect(page.GetByTestId("hired")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("hires").GetByTestId("hire")).ToHaveCountAsync(1);
    }

    internal static ILocator Candidate(IPage page, string workerId) =>
        page.GetByTestId("candidates").Locator($"[data-worker-id='{workerId}']");

    internal static async Task OpenAsync(IPage page, string employerId, string jobOrderId)
    {
        await page.GotoAsync($"/recruiter.html?employerId={employerId}&jobOrderId={jobOrderId}");
        await Expect(page.GetByTestId("employer")).ToHaveValueAsync(employerId);
        await Expect(page.GetByTestId("job-order")).ToHaveValueAsync(jobOrderId);
        await Expect(page.GetByTestId("connection")).ToHaveAttributeAsync("data-state", "connected");
    }

    /// <summary>"预留中 29:58" or "29:58": minutes and seconds left.</summary>
    [GeneratedRegex(@"^(预留中 )?\d+:\d{2}$")]
    private static partial Regex Countdown();
}
