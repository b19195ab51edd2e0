using System.Globalization;
using System.Text.Json;
using Matching.Api.Tests;
using Matching.Workload;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matching.Browser.Tests;

/// <summary>The browser on a product that loaded a small demo data set, its fair day included.</summary>
public sealed class DemoBrowserFixture() : BrowserFixture(new ApiFactory(ApiFactory.NewDataPath(), TimeProvider.System, new Dictionary<string, string?>
{
    ["Matching:Demo:Enabled"] = "true",
    ["Matching:Demo:Employers"] = "30",
    ["Matching:Demo:JobOrders"] = "80",
    ["Matching:Demo:Workers"] = "500",
    ["Matching:Demo:LodgingSites"] = "2",
    ["Matching:Demo:Beds"] = "60",
    ["Matching:Demo:FairVisitors"] = "150",
}))
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.Services.GetRequiredService<DemoDataLoader>().Loaded.WaitAsync(TimeSpan.FromMinutes(2));
    }
}

[CollectionDefinition(Name)]
public sealed class DemoBrowserCollection : ICollectionFixture<DemoBrowserFixture>
{
    public const string Name = "browser-demo";
}

/// <summary>The report page over the demo data: the figures it shows are the API's, its charts draw, its files download.</summary>
[Collection(DemoBrowserCollection.Name)]
public sealed class ReportsPageTests(DemoBrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly string From = Scenario.Date(-30);
    private static readonly string To = Scenario.Date(30);

    [Fact]
    public async Task Every_report_shows_the_figures_the_api_answers_for_the_demo_data()
    {
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync("/");
        await page.GetByTestId("link-reports").ClickAsync();
        await page.GetByTestId("from").FillAsync(From);
        await page.GetByTestId("to").FillAsync(To);
        await page.GetByTestId("run").ClickAsync();

        var placements = await ShownAsync(page, "placements", "province", $"from={From}&to={To}&groupBy=province");
        Assert.True(placements.GetProperty("total")[0].GetDouble() > 0, "the demo's fair day hired people");
        await Expect(page.Locator("#chart canvas")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "reports-placements-province");

        await page.GetByTestId("groupBy").SelectOptionAsync("prefecture");
        await ShownAsync(page, "placements", "prefecture", $"from={From}&to={To}&groupBy=prefecture");
        await page.GetByTestId("groupBy").SelectOptionAsync("category");
        await ShownAsync(page, "placements", "category", $"from={From}&to={To}&groupBy=category");

        await page.GetByTestId("report").SelectOptionAsync("interns");
        var interns = await ShownAsync(page, "interns", "programme", $"from={From}&to={To}&groupBy=programme");
        Assert.True(interns.GetProperty("total")[0].GetDouble() > 0, "some of the hired were student interns");
        await Screenshots.SaveAsync(page, "reports-interns");

        await page.GetByTestId("report").SelectOptionAsync("lodging");
        await ShownAsync(page, "lodging", "site", $"from={From}&to={To}&groupBy=site");
        await Screenshots.SaveAsync(page, "reports-lodging");

        await page.GetByTestId("report").SelectOptionAsync("fairs");
        await ShownAsync(page, "fairs", "fair", $"from={From}&to={To}&groupBy=fair");
        await page.GetByTestId("fairId").SelectOptionAsync(WorkloadIds.Fair(1));
        var day = await ShownAsync(page, "fairs", "hour", $"from={From}&to={To}&groupBy=hour&fairId={WorkloadIds.Fair(1)}");
        Assert.Equal(150, day.GetProperty("total")[0].GetDouble());
        await page.GetByTestId("groupBy").SelectOptionAsync("prefecture");
        await ShownAsync(page, "fairs", "prefecture", $"from={From}&to={To}&groupBy=prefecture&fairId={WorkloadIds.Fair(1)}");
        await Screenshots.SaveAsync(page, "reports-fair-day");
    }

    [Fact]
    public async Task The_export_buttons_download_the_csv_and_the_xlsx_of_the_query_shown()
    {
        await using var session = await fixture.NewPageAsync(output);
        var page = session.Page;
        await page.GotoAsync($"/reports.html?report=placements&groupBy=trade&from={From}&to={To}");
        var table = await ShownAsync(page, "placements", "trade", $"from={From}&to={To}&groupBy=trade");

        var csv = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-xlsx").ClickAsync());

        Assert.EndsWith(".csv", csv.SuggestedFilename, StringComparison.Ordinal);
        Assert.StartsWith("来沪就业", csv.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync((await csv.PathAsync())!);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("工种,录用人数,其中农村劳动力,其中脱贫劳动力,其中在校生/实习生", lines[0]);
        Assert.Equal(table.GetProperty("rows").GetArrayLength() + 2, lines.Length);
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        var sheet = await File.ReadAllBytesAsync((await xlsx.PathAsync())!);
        Assert.Equal("PK"u8.ToArray(), sheet[..2]);
    }

    [Fact]
    public async Task The_projector_mode_enlarges_the_figures_for_a_room()
    {
        await using var session = await fixture.NewPageAsync(output, width: 1920, height: 1080);
        var page = session.Page;
        await page.GotoAsync($"/reports.html?report=fairs&fairId={WorkloadIds.Fair(1)}&groupBy=province&from={From}&to={To}");
        await ShownAsync(page, "fairs", "province", $"from={From}&to={To}&groupBy=province&fairId={WorkloadIds.Fair(1)}");
        var before = await FontSizeAsync(page);

        await page.GetByTestId("projector").ClickAsync();

        await Expect(page.Locator("body")).ToHaveClassAsync("projector");
        Assert.True(await FontSizeAsync(page) > before * 1.3);
        await Screenshots.SaveAsync(page, "reports-projector");
    }

    private static Task<double> FontSizeAsync(IPage page) =>
        page.Locator("[data-testid=total-checkIns] .value").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");

    /// <summary>
    /// Waits for the page to show the report, asks the API the same question, and checks every figure of every
    /// row, of the total line and of the total cards against the answer; returns the answer.
    /// </summary>
    private async Task<JsonElement> ShownAsync(IPage page, string report, string groupBy, string query)
    {
        var table = page.GetByTestId("report-table");
        await Expect(table).ToHaveAttributeAsync("data-report", $"{report}:{groupBy}");
        await Expect(table).ToHaveAttributeAsync("data-state", "ready");
        using var response = await fixture.Client.GetAsync($"/api/reports/{report}?{query}");
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.True(response.IsSuccessStatusCode, answer.ToString());

        var rows = answer.GetProperty("rows").EnumerateArray().ToList();
        await Expect(page.Locator("#rows tr[data-key]")).ToHaveCountAsync(rows.Count);
        var columns = answer.GetProperty("valueColumns").EnumerateArray().Select(c => c.GetProperty("key").GetString()!).ToList();
        foreach (var row in rows)
        {
            var key = string.Join('/', row.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
            var shown = page.Locator($"#rows tr[data-key=\"{key}\"]");
            await Expect(shown.Locator("td").First).ToHaveTextAsync(row.GetProperty("labels")[0].GetString()!);
            var values = await shown.Locator("td[data-column]").AllAsync();
            Assert.Equal(columns.Count, values.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var expected = row.GetProperty("values")[i].GetDouble();
                Assert.Equal(expected, double.Parse((await values[i].GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture));
                Assert.Equal(expected, double.Parse((await values[i].InnerTextAsync()).Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture));
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            var total = answer.GetProperty("total")[i].GetDouble().ToString(CultureInfo.InvariantCulture);
            await Expect(page.Locator($"#total-row td[data-column={columns[i]}]")).ToHaveAttributeAsync("data-value", total);
            await Expect(page.GetByTestId($"total-{columns[i]}")).ToHaveAttributeAsync("data-value", total);
        }

        return answer;
    }
}
