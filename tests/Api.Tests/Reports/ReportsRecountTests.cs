using System.Text.Json;

namespace Matching.Api.Tests.Reports;

/// <summary>
/// Every report against a recount of the entities it comes from, read back through the entities' own routes:
/// the orders' hires and holds, the workers, the employers, the stays, the fair's board.
/// </summary>
[Collection(ReportWorldCollection.Name)]
public sealed class ReportsRecountTests(ReportWorld world)
{
    private static readonly string Range = $"from={ReportWorld.Date(-1)}&to={ReportWorld.Date(30)}";

    private readonly HttpClient _staff = world.Staff;

    /// <summary>A hire as its job order records it, with the worker and employer it joined.</summary>
    private sealed record Hire(string HoldId, string WorkerId, string Kind, bool Converted, bool Left, JsonElement Worker, JsonElement Employer);

    [Theory]
    [InlineData("province")]
    [InlineData("prefecture")]
    [InlineData("county")]
    [InlineData("category")]
    [InlineData("trade")]
    [InlineData("district")]
    [InlineData("keyEnterprise")]
    public async Task Placements_are_the_hires_the_job_orders_record(string groupBy)
    {
        var hires = await HiresAsync();
        var expected = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var hire in hires)
        {
            var categories = Strings(hire.Worker, "categories");
            foreach (var key in GroupsOf(hire, groupBy, categories))
            {
                var values = expected.TryGetValue(key, out var v) ? v : expected[key] = new double[4];
                values[0]++;
                values[1] += categories.Contains("ruralLabour") ? 1 : 0;
                values[2] += categories.Contains("povertyAlleviated") ? 1 : 0;
                values[3] += categories.Contains("studentIntern") ? 1 : 0;
            }
        }

        var answered = await Answered.GetAsync(_staff, $"/api/reports/placements?{Range}&groupBy={groupBy}");

        Assert.Equal(groupBy, answered.GroupBy);
        AssertRows(expected, answered);
        Assert.Equal(hires.Count, answered.Total[0]);
        Assert.True(hires.Count >= 7, "the world's seven hires are among those counted");
        Assert.Equal(hires.Count(h => Strings(h.Worker, "categories").Contains("studentIntern")), answered.Total[3]);
    }

    [Theory]
    [InlineData("programme")]
    [InlineData("employer")]
    public async Task The_intern_pipeline_is_where_each_internship_stands(string groupBy)
    {
        var interns = (await HiresAsync()).Where(h => h.Kind == "internship" || h.Converted).ToList();
        var expected = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var hire in interns)
        {
            var programmes = Strings(hire.Worker, "programmes");
            var keys = groupBy == "employer" ? [hire.Employer.GetProperty("id").GetString()!] : programmes.Length > 0 ? programmes : [""];
            foreach (var key in keys)
            {
                var values = expected.TryGetValue(key, out var v) ? v : expected[key] = new double[4];
                values[0]++;
                values[hire.Converted ? 2 : hire.Left ? 3 : 1]++;
            }
        }

        var answered = await Answered.GetAsync(_staff, $"/api/reports/interns?{Range}&groupBy={groupBy}");

        AssertRows(expected, answered);
        Assert.All(answered.Rows.Values, r => Assert.Equal(r[0], r[1] + r[2] + r[3]));
        var college = groupBy == "programme" ? answered.Rows[ReportWorld.Programme] : answered.Rows[world.KeyEmployer];
        Assert.Equal(groupBy == "programme" ? [2, 0, 1, 1] : new double[] { 3, 1, 1, 1 }, college);
    }

    [Theory]
    [InlineData("site")]
    [InlineData("town")]
    public async Task Lodging_counts_the_nights_of_the_stays_the_site_keeps(string groupBy)
    {
        var site = await ReportWorld.SendAsync(_staff.GetAsync($"/api/lodging/sites/{world.Site}"));
        var beds = site.GetProperty("bedCount").GetInt32();
        var (from, to) = (DateOnly.Parse(ReportWorld.Date(-1)), DateOnly.Parse(ReportWorld.Date(30)));
        var tonight = TestClock.Today;
        double held = 0, used = 0, stays = 0;
        var hires = new HashSet<string>();
        var enterprises = new HashSet<string>();
        foreach (var id in world.Reservations)
        {
            var stay = await ReportWorld.SendAsync(_staff.GetAsync($"/api/lodging/reservations/{id}"));
            var status = stay.GetProperty("status").GetString();
            var usedHere = 0;
            for (var night = DateOnly.Parse(stay.GetProperty("from").GetString()!); night < DateOnly.Parse(stay.GetProperty("until").GetString()!); night = night.AddDays(1))
            {
                if (night < from || night > to)
                {
                    continue;
                }

                if (status is "occupied" or "completed" && night <= tonight)
                {
                    usedHere++;
                }
                else if (status is "held" or "confirmed" or "occupied" or "completed")
                {
                    held++;
                }
            }

            used += usedHere;
            if (usedHere > 0)
            {
                stays++;
                if (stay.GetProperty("employerId").GetString() is { } employer && stay.GetProperty("basis").GetString() != "creditCommitment")
                {
                    hires.Add(stay.GetProperty("workerId").GetString()!);
                    enterprises.Add(employer);
                }
            }
        }

        var answered = await Answered.GetAsync(_staff, $"/api/reports/lodging?{Range}&groupBy={groupBy}");

        var row = answered.Rows[groupBy == "site" ? world.Site : "安亭"];
        double[] expected = [beds, beds * (to.DayNumber - from.DayNumber + 1), held, used, stays, hires.Count, enterprises.Count, Math.Round(used / stays, 2)];
        Assert.Equal(expected, row);
        Assert.Equal(expected, answered.Total);
        Assert.Equal((4, 2.0, 1.0), (beds, stays, (double)hires.Count));
    }

    [Theory]
    [InlineData("fair")]
    [InlineData("province")]
    [InlineData("prefecture")]
    [InlineData("hour")]
    public async Task A_fair_day_counts_its_visitors_and_what_came_of_them(string groupBy)
    {
        var board = await ReportWorld.SendAsync(_staff.GetAsync($"/api/fairs/{world.Fair}/board"));
        var engaged = new HashSet<string>();
        var hired = new HashSet<string>();
        foreach (var order in new[] { world.KeyOrder, world.OtherOrder })
        {
            var slots = await ReportWorld.SendAsync(_staff.GetAsync($"/api/job-orders/{order}/holds"));
            engaged.UnionWith(slots.GetProperty("holds").EnumerateArray().Select(h => h.GetProperty("workerId").GetString()!));
            var hires = slots.GetProperty("hires").EnumerateArray().Select(h => h.GetProperty("workerId").GetString()!).ToList();
            engaged.UnionWith(hires);
            hired.UnionWith(hires);
        }

        var fairQuery = groupBy == "fair" ? Range : $"fairId={world.Fair}";
        var answered = await Answered.GetAsync(_staff, $"/api/reports/fairs?{fairQuery}&groupBy={groupBy}");

        double[] total = [board.GetProperty("checkIns").GetInt32(), board.GetProperty("matched").GetInt32(), engaged.Count, hired.Count];
        Assert.Equal(total, answered.Total);
        Assert.Equal([8.0, 8, 7], total[0..1].Concat(total[2..]).ToArray());
        if (groupBy == "fair")
        {
            Assert.Equal(total, answered.Rows[world.Fair]);
        }
        else if (groupBy == "province")
        {
            var byProvince = board.GetProperty("byProvince").EnumerateObject().ToDictionary(p => p.Name, p => (double)p.Value.GetInt32());
            Assert.Equal(byProvince.OrderBy(p => p.Key), answered.Rows.ToDictionary(r => r.Key, r => r.Value[0]).OrderBy(p => p.Key));
            Assert.Equal(5, answered.Rows["yunnan"][3]);
        }
        else if (groupBy == "prefecture")
        {
            var byPrefecture = board.GetProperty("byPrefecture").EnumerateObject().ToDictionary(p => p.Name, p => (double)p.Value.GetInt32());
            Assert.Equal(byPrefecture.OrderBy(p => p.Key), answered.Rows.ToDictionary(r => r.Key.Split('/')[1], r => r.Value[0]).OrderBy(p => p.Key));
        }
        else
        {
            Assert.All(answered.Rows.Keys, h => Assert.Matches("^[0-2][0-9]$", h));
            Assert.Equal(total[0], answered.Rows.Values.Sum(r => r[0]));
        }
    }

    private static IEnumerable<string> GroupsOf(Hire hire, string groupBy, string[] categories)
    {
        var w = hire.Worker;
        var origin = $"{w.GetProperty("originProvince").GetString()}/{w.GetProperty("originPrefecture").GetString()}";
        return groupBy switch
        {
            "province" => [w.GetProperty("originProvince").GetString()!],
            "prefecture" => [origin],
            "county" => [$"{origin}/{w.GetProperty("originCounty").GetString()}"],
            "category" => categories.Length > 0 ? categories : [""],
            "trade" => ["welder"],
            "district" => [hire.Employer.GetProperty("district").GetString()!],
            _ => [hire.Employer.GetProperty("isKeyEnterprise").GetBoolean() ? hire.Employer.GetProperty("id").GetString()! : ""],
        };
    }

    /// <summary>Every hire of every job order in the store, from the orders' own records.</summary>
    private async Task<List<Hire>> HiresAsync()
    {
        var orders = await ReportWorld.SendAsync(_staff.GetAsync("/api/job-orders?take=200"));
        var hires = new List<Hire>();
        foreach (var order in orders.GetProperty("items").EnumerateArray())
        {
            var id = order.GetProperty("id").GetString()!;
            var employer = await ReportWorld.SendAsync(_staff.GetAsync($"/api/employers/{order.GetProperty("employerId").GetString()}"));
            var slots = await ReportWorld.SendAsync(_staff.GetAsync($"/api/job-orders/{id}/holds"));
            foreach (var h in slots.GetProperty("hires").EnumerateArray())
            {
                var workerId = h.GetProperty("workerId").GetString()!;
                var worker = await ReportWorld.SendAsync(_staff.GetAsync($"/api/workers/{workerId}"));
                hires.Add(new Hire(
                    h.GetProperty("holdId").GetString()!, workerId, h.GetProperty("kind").GetString()!,
                    h.GetProperty("convertedAt").ValueKind != JsonValueKind.Null, h.GetProperty("leftAt").ValueKind != JsonValueKind.Null,
                    worker, employer));
            }
        }

        return hires;
    }

    private static string[] Strings(JsonElement e, string name) => [.. e.GetProperty(name).EnumerateArray().Select(s => s.GetString()!)];

    private static void AssertRows(Dictionary<string, double[]> expected, Answered answered)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), answered.Rows.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, values) in expected)
        {
            Assert.Equal(values, answered.Rows[key]);
        }
    }
}
