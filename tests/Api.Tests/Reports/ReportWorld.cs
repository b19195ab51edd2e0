using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests.Reports;

/// <summary>
/// A product of its own holding one small, known world — two employers, eight workers from several regions, a
/// fair, a lodging site — in which the people check in, are held, hired as interns or employees, converted,
/// leave and are lodged. The reports' tests recount it from the entities; nobody else writes to this store.
/// </summary>
public sealed class ReportWorld : IAsyncLifetime
{
    public const string Programme = "临沧技师学院";

    public ApiFactory Api { get; } = new();

    public HttpClient Staff { get; private set; } = null!;

    public string KeyEmployer { get; } = Http.NewId("key");
    public string OtherEmployer { get; } = Http.NewId("plain");
    public string KeyOrder { get; } = Http.NewId("job");
    public string OtherOrder { get; } = Http.NewId("job");
    public string Fair { get; } = Http.NewId("fair");
    public string Site { get; } = Http.NewId("site");

    /// <summary>Worker id → (province, prefecture, county, categories, programmes).</summary>
    public Dictionary<string, (string Province, string Prefecture, string County, string[] Categories, string[] Programmes)> People { get; } = [];

    /// <summary>Hold ids by what happened to them: hired and converted, hired and left, and so on.</summary>
    public Dictionary<string, string> Holds { get; } = [];

    public List<string> Reservations { get; } = [];

    public static string Date(int daysFromToday) => TestClock.Day(daysFromToday);

    public async Task InitializeAsync()
    {
        Staff = Api.Client(Caller.Staff);
        await SendAsync(Staff.PostJsonAsync("/api/employers", Samples.Employer(KeyEmployer, "jiading", key: true)));
        await SendAsync(Staff.PostJsonAsync("/api/employers", Samples.Employer(OtherEmployer, "baoshan", key: false)));
        await SendAsync(Staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(KeyOrder, KeyEmployer, headcount: 10)));
        await SendAsync(Staff.PostJsonAsync("/api/job-orders",
            Samples.JobOrder(OtherOrder, OtherEmployer, headcount: 10).Replace("\"acceptsInterns\":true", "\"acceptsInterns\":false", StringComparison.Ordinal)));

        string[] rural = ["ruralLabour"];
        string[] intern = ["studentIntern"];
        string[] college = [Programme];
        var w1 = await PersonAsync("yunnan", "lincang", "临翔区", ["ruralLabour", "povertyAlleviated"], college);
        var w2 = await PersonAsync("yunnan", "lincang", "耿马县", rural, []);
        var w3 = await PersonAsync("yunnan", "dali", "", intern, college);
        var w4 = await PersonAsync("yunnan", "dali", "", ["studentIntern", "ruralLabour"], college);
        var w5 = await PersonAsync("anhui", "fuyang", "", rural, []);
        var w6 = await PersonAsync("yunnan", "zhaotong", "", intern, []);
        var w7 = await PersonAsync("yunnan", "kunming", "", [], []);
        var w8 = await PersonAsync("hunan", "shaoyang", "", intern, []);

        await SendAsync(Staff.PostJsonAsync("/api/fairs", Samples.Fair(Fair, KeyEmployer, OtherEmployer)));
        foreach (var worker in People.Keys)
        {
            await SendAsync(Staff.PostJsonAsync($"/api/fairs/{Fair}/check-ins", $$"""{"workerId":"{{worker}}"}"""));
        }

        Holds["employed"] = await HireAsync(KeyOrder, w1);
        Holds["converted"] = await HireAsync(KeyOrder, w3);
        Holds["left"] = await HireAsync(KeyOrder, w4);
        Holds["interning"] = await HireAsync(KeyOrder, w6);
        Holds["held"] = await HoldAsync(KeyOrder, w7);
        Holds["other-1"] = await HireAsync(OtherOrder, w2);
        Holds["other-2"] = await HireAsync(OtherOrder, w5);
        // A student intern may still be taken on as an employee when the employer says so.
        Holds["intern-employed"] = await HireAsync(KeyOrder, w8, """{"kind":"employment"}""");
        await SendAsync(Staff.PostAsync($"/api/holds/{Holds["converted"]}/convert", null));
        await SendAsync(Staff.PostAsync($"/api/holds/{Holds["left"]}/leave", null));

        await SendAsync(Staff.PostJsonAsync("/api/lodging/sites", Samples.Site(Site)));
        await SendAsync(Staff.PostJsonAsync($"/api/lodging/sites/{Site}/beds", """{"count":4}"""));
        var lodged = await ReserveAsync(w1, 0, 3, commitment: false);
        await SendAsync(Staff.PostAsync($"/api/lodging/reservations/{lodged}/check-in", null));
        await ReserveAsync(w3, 1, 3, commitment: false);
        var committed = await ReserveAsync(w2, 0, 2, commitment: true);
        await SendAsync(Staff.PostAsync($"/api/lodging/reservations/{committed}/check-in", null));
    }

    private async Task<string> PersonAsync(string province, string prefecture, string county, string[] categories, string[] programmes)
    {
        var id = Http.NewId("w");
        var body = $$"""
            {"id":"{{id}}","name":"付明","phone":"13812345678","idNumber":"530902199801010011","originProvince":"{{province}}",
             "originPrefecture":"{{prefecture}}","originCounty":"{{county}}","categories":{{JsonSerializer.Serialize(categories)}},
             "skills":[{"trade":"welder","level":"senior","certificates":["焊工证"]}],"desiredDistricts":["jiading"],
             "minWage":6000,"availableFrom":"{{Date(3)}}","needsLodging":true,"programmes":{{JsonSerializer.Serialize(programmes)}}}
            """;
        await SendAsync(Staff.PostJsonAsync("/api/workers", body));
        People[id] = (province, prefecture, county, categories, programmes);
        return id;
    }

    private async Task<string> HoldAsync(string order, string worker) =>
        (await SendAsync(Staff.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}"}""")))
            .GetProperty("holdId").GetString()!;

    private async Task<string> HireAsync(string order, string worker, string? body = null)
    {
        var hold = await HoldAsync(order, worker);
        await SendAsync(body is null ? Staff.PostAsync($"/api/holds/{hold}/confirm", null) : Staff.PostJsonAsync($"/api/holds/{hold}/confirm", body));
        return hold;
    }

    private async Task<string> ReserveAsync(string worker, int from, int to, bool commitment)
    {
        var credit = commitment ? ""","creditCommitment":{"signedBy":"安亭就业服务站","note":"新录用，单位确认中"}""" : "";
        var id = (await SendAsync(Staff.PostJsonAsync("/api/lodging/reservations",
            $$"""{"workerId":"{{worker}}","siteId":"{{Site}}","from":"{{Date(from)}}","to":"{{Date(to)}}"{{credit}}}""")))
            .GetProperty("reservationId").GetString()!;
        Reservations.Add(id);
        return id;
    }

    public static async Task<JsonElement> SendAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        Staff?.Dispose();
        await Api.DisposeAsync();
    }
}

/// <summary>A report as answered: rows by their keys joined with '/', and the total.</summary>
public sealed record Answered(string GroupBy, Dictionary<string, double[]> Rows, Dictionary<string, string> Labels, double[] Total, string[] Headers)
{
    public static async Task<Answered> GetAsync(HttpClient client, string path)
    {
        var body = await ReportWorld.SendAsync(client.GetAsync(path));
        var rows = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in body.GetProperty("rows").EnumerateArray())
        {
            var key = string.Join('/', row.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
            rows.Add(key, [.. row.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())]);
            labels[key] = string.Join('/', row.GetProperty("labels").EnumerateArray().Select(k => k.GetString()));
        }

        string[] headers =
        [
            .. body.GetProperty("groupColumns").EnumerateArray().Select(c => c.GetProperty("label").GetString()!),
            .. body.GetProperty("valueColumns").EnumerateArray().Select(c => c.GetProperty("label").GetString()!),
        ];
        return new Answered(
            body.GetProperty("groupBy").GetString()!, rows, labels,
            [.. body.GetProperty("total").EnumerateArray().Select(v => v.GetDouble())], headers);
    }
}

[CollectionDefinition(Name)]
public sealed class ReportWorldCollection : ICollectionFixture<ReportWorld>
{
    public const string Name = "report-world";
}
