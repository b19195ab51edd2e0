using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MiniExcelLibs;

namespace Matching.Api.Tests;

/// <summary>
/// Spreadsheet imports: a CSV or XLSX file is previewed with each row's field errors, imported in the background with
/// progress pushed to a real SignalR client, can be cancelled and carried on, offers its rejected rows as a file, and
/// the same rows imported again create nobody twice.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class WorkerImportJobTests(ImportFactory import)
{
    private const string EnglishHeader = "name,phone,idNumber,originProvince,originPrefecture,originCounty,skills,desiredDistricts,minWage,availableFrom,needsLodging";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private readonly ApiFactory _api = import.Api;
    private readonly HttpClient _staff = import.Api.Client(Caller.Staff);

    private static string Soon => TestClock.Day(3);

    [Fact]
    public async Task A_csv_is_previewed_with_field_errors_then_imported_in_the_background_with_progress_pushed()
    {
        var county = Http.NewId("county");
        var (_, order) = await Entities.OrderAsync(_staff);
        var csv = Csv(county, valid: 30, invalidAt: [3, 17]);

        var upload = await UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv", "临沧县名单.csv");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var answer = await upload.JsonAsync();
        var id = answer.GetProperty("import").GetProperty("importId").GetString()!;
        Assert.Equal($"/api/imports/{id}", upload.Headers.Location?.OriginalString);
        Assert.Equal((30, 2), (answer.GetProperty("valid").GetInt32(), answer.GetProperty("invalid").GetInt32()));
        Assert.Equal("uploaded", answer.GetProperty("import").GetProperty("status").GetString());

        // The preview: the first rows with their values by field and, for the broken ones, every field error.
        var preview = answer.GetProperty("preview").EnumerateArray().ToList();
        Assert.Equal(20, preview.Count);
        Assert.Equal(2, preview[0].GetProperty("line").GetInt32());
        Assert.Equal(county, preview[0].GetProperty("values").GetProperty("originCounty").GetString());
        Assert.Equal(["minWage"], preview[3].GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(["phone", "skills[0].trade"], preview[17].GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Null, preview[0].GetProperty("errors").ValueKind);

        // Nothing is registered before the start.
        Assert.Equal(0, await CountAsync(county));

        await using var hub = await HubClient.ConnectAsync(_api, "/hubs/import", Caller.Staff, "ImportProgress");
        var joined = await hub.InvokeAsync("JoinImport", id);
        Assert.Equal("uploaded", joined.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.Accepted, (await _staff.PostAsync($"/api/imports/{id}/start", null)).StatusCode);
        var done = await hub.WaitForAsync("ImportProgress", p => p.GetProperty("status").GetString() == "completed");
        Assert.Equal((32, 32, 30, 0, 2), (Int(done, "total"), Int(done, "done"), Int(done, "created"), Int(done, "existing"), Int(done, "failed")));
        Assert.True(done.GetProperty("rowsPerSecond").GetDouble() > 0);

        // Progress came as it went: more than one push, each newer than the last, rows done never going back.
        var pushes = hub.Received.Select(r => r.Event).ToList();
        Assert.True(pushes.Count >= 2, $"{pushes.Count} pushes");
        Assert.Equal(pushes.Select(p => Int(p, "done")).Order(), pushes.Select(p => Int(p, "done")));
        Assert.Equal(30, await CountAsync(county));

        // Each imported worker is a normal registration: matched against the open order like any other.
        var anyone = await (await _staff.GetAsync($"/api/workers?origin=lincang&take=200")).JsonAsync();
        var imported = anyone.GetProperty("items").EnumerateArray().First(w => w.GetProperty("originCounty").GetString() == county).GetProperty("id").GetString();
        var matches = await (await _staff.GetAsync($"/api/workers/{imported}/matches?take=200")).JsonAsync();
        Assert.Contains(matches.GetProperty("items").EnumerateArray(), m => m.GetProperty("jobOrderId").GetString() == order);

        // The rejected rows as a file of the upload's own columns, plus line and reasons.
        var rejected = await _staff.GetAsync($"/api/imports/{id}/rejected");
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("临沧县名单-rejected.csv", rejected.Content.Headers.ContentDisposition?.FileNameStar);
        var lines = (await rejected.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{EnglishHeader},line,reason", lines[0].TrimEnd('\r'));
        Assert.Equal(3, lines.Length);
        Assert.Contains(",5,", lines[1]);
        Assert.Contains("minWage:", lines[1]);
        Assert.Contains("skills[0].trade:", lines[2]);
    }

    [Fact]
    public async Task An_xlsx_with_chinese_headers_imports_and_the_same_rows_again_create_nobody_twice()
    {
        var county = Http.NewId("county");
        var rows = Enumerable.Range(0, 12).Select(i => ChineseRow(county, i)).ToList();
        var file = Workbook(rows);

        var first = await UploadAsync(file, Xlsx, "名单.xlsx");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = (await first.JsonAsync()).GetProperty("import").GetProperty("importId").GetString()!;
        Assert.Equal("xlsx", (await GetAsync(id)).GetProperty("format").GetString());
        await RunAsync(id);
        Assert.Equal(12, Int(await GetAsync(id), "created"));

        // The same file again is the same import, complete: it cannot run twice.
        var again = await UploadAsync(file, Xlsx, "名单.xlsx");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.JsonAsync()).GetProperty("import").GetProperty("importId").GetString());
        var refused = await _staff.PostAsync($"/api/imports/{id}/start", null);
        Assert.Equal("import-completed", (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());

        // Another file with the same rows and one more: only the new row is created; the others are there already.
        var grown = Workbook([.. rows, ChineseRow(county, 12)]);
        var second = await UploadAsync(grown, Xlsx, "名单-补充.xlsx");
        var secondId = (await second.JsonAsync()).GetProperty("import").GetProperty("importId").GetString()!;
        Assert.NotEqual(id, secondId);
        await RunAsync(secondId);
        var progress = await GetAsync(secondId);
        Assert.Equal((1, 12, 0), (Int(progress, "created"), Int(progress, "existing"), Int(progress, "failed")));
        Assert.Equal(13, await CountAsync(county));
    }

    [Fact]
    public async Task A_cancel_stops_the_run_between_steps_and_a_new_start_carries_on_where_it_stopped()
    {
        var county = Http.NewId("county");
        var id = (await (await UploadAsync(Encoding.UTF8.GetBytes(Csv(county, valid: 60, invalidAt: [])), "text/csv", null)).JsonAsync())
            .GetProperty("import").GetProperty("importId").GetString()!;

        await using var hub = await HubClient.ConnectAsync(_api, "/hubs/import", Caller.Staff, "ImportProgress");
        await hub.InvokeAsync("JoinImport", id);
        await _staff.PostAsync($"/api/imports/{id}/start", null);
        await hub.WaitForAsync("ImportProgress", p => Int(p, "done") > 0);

        var cancelled = await (await _staff.PostAsync($"/api/imports/{id}/cancel", null)).OkJsonAsync();
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        var stoppedAt = Int(cancelled, "done");
        Assert.InRange(stoppedAt, 1, 59);
        Assert.Equal(stoppedAt, await CountAsync(county));
        Assert.Equal(stoppedAt, Int(await GetAsync(id), "done"));
        var notRunning = await _staff.PostAsync($"/api/imports/{id}/cancel", null);
        Assert.Equal("import-not-running", (await notRunning.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());

        await _staff.PostAsync($"/api/imports/{id}/start", null);
        var done = await hub.WaitForAsync("ImportProgress", p => p.GetProperty("status").GetString() == "completed");
        Assert.Equal((60, 60, 0), (Int(done, "done"), Int(done, "created"), Int(done, "failed")));
        Assert.Equal(60, await CountAsync(county));
    }

    [Fact]
    public async Task The_templates_in_both_formats_import_as_they_are()
    {
        var xlsx = await _staff.GetAsync("/api/imports/template?format=xlsx");
        Assert.Equal(Xlsx, xlsx.Content.Headers.ContentType?.MediaType);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        var header = ((IDictionary<string, object?>)MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: false, excelType: ExcelType.XLSX).First()).Values;
        Assert.Equal("编号", header.First());
        var upload = await (await UploadAsync(bytes, Xlsx, "template.xlsx")).JsonAsync();
        Assert.Equal((1, 0), (upload.GetProperty("valid").GetInt32(), upload.GetProperty("invalid").GetInt32()));

        var english = await (await _staff.GetAsync("/api/imports/template?format=csv&headers=en")).Content.ReadAsStringAsync();
        Assert.StartsWith("id,name,phone,idNumber", english.TrimStart('\uFEFF'));
        var fromCsv = await (await UploadAsync(Encoding.UTF8.GetBytes(english), "text/csv", "template-en.csv")).JsonAsync();
        Assert.Equal(1, fromCsv.GetProperty("valid").GetInt32());
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_whole_and_creates_no_import()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await UploadAsync("a,b"u8.ToArray(), "application/pdf", null)).StatusCode);
        Assert.Equal(["columns"], await (await UploadAsync(Encoding.UTF8.GetBytes("name,shoeSize\n张三,42\n"), "text/csv", null)).FieldErrorsAsync());
        Assert.Equal(["body"], await (await UploadAsync("not a workbook"u8.ToArray(), Xlsx, null)).FieldErrorsAsync());
        Assert.Equal(["format"], await (await _staff.GetAsync("/api/imports/template?format=pdf")).FieldErrorsAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/imports/{Http.NewId("imp")}")).StatusCode);

        var recruiter = _api.Client(Caller.Recruiter("acme"));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/imports/template")).StatusCode);
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    /// <summary>Rows that differ by phone (so each is a person of its own); the rows at <paramref name="invalidAt"/> are broken.</summary>
    private static string Csv(string county, int valid, int[] invalidAt)
    {
        var lines = new List<string> { EnglishHeader };
        var person = 0;
        for (var i = 0; lines.Count - 1 < valid + invalidAt.Length; i++)
        {
            if (invalidAt.Contains(lines.Count - 1))
            {
                lines.Add(lines.Count - 1 == invalidAt[0]
                    ? $"张伟,123,530902199801010011,yunnan,lincang,{county},welder:senior,jiading,很多,{Soon},是"
                    : $"张伟,456,530902199801010011,yunnan,lincang,{county},astronaut:senior,jiading,6000,{Soon},是");
                continue;
            }

            lines.Add($"李强,139{person++:00000000},530902199801010011,yunnan,lincang,{county},welder:senior:焊工证,jiading|baoshan,6000,{Soon},true");
        }

        return string.Join("\n", lines) + "\n";
    }

    private static Dictionary<string, object> ChineseRow(string county, int i) => new()
    {
        ["姓名"] = "和平",
        ["手机"] = $"137{i:00000000}",
        ["身份证号"] = "530902199801010011",
        ["籍贯省"] = "yunnan",
        ["籍贯州市"] = "nujiang",
        ["籍贯县区"] = county,
        ["技能"] = "logistics:junior",
        ["可到岗日期"] = Soon,
        ["需要住宿"] = "否",
    };

    private static byte[] Workbook(List<Dictionary<string, object>> rows)
    {
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] body, string contentType, string? fileName)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var query = fileName is null ? "" : $"?fileName={Uri.EscapeDataString(fileName)}";
        return _staff.PostAsync($"/api/imports{query}", content);
    }

    private async Task<JsonElement> GetAsync(string id) => await (await _staff.GetAsync($"/api/imports/{id}")).OkJsonAsync();

    /// <summary>Starts the import and waits for its completion, pushed to a hub client.</summary>
    private async Task RunAsync(string id)
    {
        await using var hub = await HubClient.ConnectAsync(_api, "/hubs/import", Caller.Staff, "ImportProgress");
        await hub.InvokeAsync("JoinImport", id);
        Assert.Equal(HttpStatusCode.Accepted, (await _staff.PostAsync($"/api/imports/{id}/start", null)).StatusCode);
        await hub.WaitForAsync("ImportProgress", p => p.GetProperty("status").GetString() == "completed");
    }

    private async Task<int> CountAsync(string county)
    {
        var page = await (await _staff.GetAsync("/api/workers?take=200")).OkJsonAsync();
        var total = page.GetProperty("total").GetInt32();
        var count = 0;
        for (var skip = 0; skip < total; skip += 200)
        {
            var items = (await (await _staff.GetAsync($"/api/workers?skip={skip}&take=200")).OkJsonAsync()).GetProperty("items");
            count += items.EnumerateArray().Count(w => w.GetProperty("originCounty").GetString() == county);
        }

        return count;
    }
}

/// <summary>
/// A product of its own for the import tests, stepping a few rows at a time with a pause between steps, so a run
/// lasts long enough to watch its progress and cancel it, and its workers disturb no other test's counts.
/// </summary>
public sealed class ImportFactory : IAsyncLifetime
{
    public ApiFactory Api { get; } = new(new Dictionary<string, string?>
    {
        ["Matching:Imports:RowsPerStep"] = "4",
        ["Matching:Imports:PauseMilliseconds"] = "50",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Api.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportFactory>
{
    public const string Name = "import";
}
