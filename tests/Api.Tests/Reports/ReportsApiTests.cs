using System.Net;
using System.Text;
using MiniExcelLibs;

namespace Matching.Api.Tests.Reports;

/// <summary>The report routes as a caller meets them: who may ask, what bad parameters answer, the exported files.</summary>
[Collection(ReportWorldCollection.Name)]
public sealed class ReportsApiTests(ReportWorld world)
{
    private static readonly string Range = $"from={ReportWorld.Date(-1)}&to={ReportWorld.Date(30)}";

    [Fact]
    public async Task Bad_parameters_answer_400_naming_every_one_of_them()
    {
        var response = await world.Staff.GetAsync("/api/reports/placements?from=2026-13-01&to=tomorrow&groupBy=colour&format=pdf");

        Assert.Equal(["format", "from", "groupBy", "to"], await response.FieldErrorsAsync());
        Assert.Equal(["from"], await (await world.Staff.GetAsync("/api/reports/interns?from=2026-05-02&to=2026-05-01")).FieldErrorsAsync());
        Assert.Equal(["to"], await (await world.Staff.GetAsync("/api/reports/lodging?from=2000-01-01&to=2026-05-01")).FieldErrorsAsync());
        Assert.Equal(["fairId"], await (await world.Staff.GetAsync("/api/reports/fairs?fairId=a%20b")).FieldErrorsAsync());
        await (await world.Staff.GetAsync("/api/reports/fairs?fairId=nobody-has-it")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Reports_are_for_staff_and_recruiters_only()
    {
        using var anonymous = world.Api.AnonymousClient();
        using var operatorClient = world.Api.Client(Caller.Operator(world.Site));
        using var viewer = world.Api.Client(Caller.Viewer(world.Fair));

        await (await anonymous.GetAsync("/api/reports/placements")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await operatorClient.GetAsync("/api/reports/lodging")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.GetAsync($"/api/reports/fairs?fairId={world.Fair}")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_recruiter_sees_its_own_employers_rows_only()
    {
        using var other = world.Api.Client(Caller.Recruiter(world.OtherEmployer));
        using var stranger = world.Api.Client(Caller.Recruiter(Http.NewId("stranger")));

        var placements = await Answered.GetAsync(other, $"/api/reports/placements?{Range}&groupBy=keyEnterprise");
        var interns = await Answered.GetAsync(other, $"/api/reports/interns?{Range}");
        var lodging = await Answered.GetAsync(other, $"/api/reports/lodging?{Range}");
        var fair = await Answered.GetAsync(other, $"/api/reports/fairs?fairId={world.Fair}&groupBy=province");

        Assert.Equal([2.0, 2, 0, 0], placements.Total);
        Assert.Equal([""], placements.Rows.Keys);
        Assert.Equal(0, interns.Total[0]);
        // Its hire slept there on a credit commitment: a stay of its own, not a key enterprise's new hire.
        Assert.Equal([1.0, 0, 0, 1], lodging.Total[4..]);
        Assert.Equal([8.0, 2, 2], [fair.Total[0], fair.Total[2], fair.Total[3]]);
        await (await stranger.GetAsync($"/api/reports/fairs?fairId={world.Fair}")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Empty((await Answered.GetAsync(stranger, $"/api/reports/fairs?{Range}")).Rows);
    }

    [Fact]
    public async Task The_csv_file_is_utf8_with_a_bom_and_chinese_headers_and_holds_what_the_json_says()
    {
        var path = $"/api/reports/placements?{Range}&groupBy=prefecture";
        var answered = await Answered.GetAsync(world.Staff, path);

        using var response = await world.Staff.GetAsync($"{path}&format=csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("省份,州市,录用人数,其中农村劳动力,其中脱贫劳动力,其中在校生/实习生", lines[0]);
        Assert.Equal(string.Join(',', answered.Headers), lines[0]);
        Assert.Equal(answered.Rows.Count + 2, lines.Length);
        Assert.Contains($"云南,临沧,{string.Join(',', answered.Rows["yunnan/lincang"])}", lines);
        Assert.Equal($"合计,,{string.Join(',', answered.Total)}", lines[^1]);
    }

    [Fact]
    public async Task The_xlsx_file_has_chinese_headers_and_the_same_figures()
    {
        var path = $"/api/reports/lodging?{Range}&groupBy=site";
        var answered = await Answered.GetAsync(world.Staff, path);

        using var response = await world.Staff.GetAsync($"{path}&format=xlsx");
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(answered.Headers, rows[0].Keys);
        var site = rows.Single(r => (string)r["客栈"] == answered.Labels[world.Site]);
        Assert.Equal(answered.Rows[world.Site], answered.Headers[1..].Select(h => Convert.ToDouble(site[h], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("合计", rows[^1]["客栈"]);
        Assert.Equal(answered.Total[3], Convert.ToDouble(rows[^1]["已入住床位夜"], System.Globalization.CultureInfo.InvariantCulture));
    }
}
