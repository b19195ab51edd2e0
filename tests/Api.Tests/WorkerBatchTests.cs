using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Matching.Api.Tests;

/// <summary>
/// Bulk registration: a JSON array, NDJSON or a CSV file of workers answers per row, in order, each row as the single
/// route would have answered it; only the valid rows are stored, registered workers are matched like any other, and
/// the same list sent again registers nobody twice.
/// </summary>
[Collection(BatchCollection.Name)]
public sealed class WorkerBatchTests(ApiFactory factory)
{
    private const string ChineseHeader = "编号,姓名,手机,身份证号,籍贯省,籍贯州市,籍贯县区,人员类别,技能,意向区,最低月薪,可到岗日期,需要住宿,合作项目";

    private static readonly byte[] _bom = [0xEF, 0xBB, 0xBF];

    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    private static string Soon => TestClock.Day(3);

    [Fact]
    public async Task A_mixed_batch_answers_every_row_in_order_and_stores_exactly_the_valid_ones()
    {
        var taken = await Entities.WorkerAsync(_staff);
        var valid = Http.NewId("w");
        var invalid = Http.NewId("w");
        var badValue = Http.NewId("w");
        var county = Http.NewId("county");
        var invalidRow = $$"""
            {"id":"{{invalid}}","name":"","phone":"12345","idNumber":"530902199801010012","originProvince":"yunnan","originPrefecture":"atlantis",
             "skills":[{"trade":"astronaut","level":"senior"}],"desiredDistricts":["jiading"],"minWage":-5,"availableFrom":"{{Soon}}"}
            """;
        var body = $$"""[{{Samples.Worker(valid)}},{{invalidRow}},{{Samples.Worker(taken)}},42,{"id":"{{badValue}}","minWage":"lots"},{{WithoutId(county)}}]""";

        var answer = await (await _staff.PostJsonAsync("/api/workers/batch", body)).OkJsonAsync();
        var rows = answer.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([0, 1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([201, 400, 409, 400, 400, 201], rows.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal((6, 2, 3, 1), (Count(answer, "total"), Count(answer, "created"), Count(answer, "invalid"), Count(answer, "conflicts")));
        Assert.Equal(new string?[] { valid, invalid, taken, null, badValue }, rows.Take(5).Select(r => r.GetProperty("id").GetString()));

        // The invalid row's errors are exactly those the single route gives the same body: every field at once.
        var single = await (await _staff.PostJsonAsync("/api/workers", invalidRow)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Errors(single), Errors(rows[1]));
        Assert.Equal(["idNumber", "minWage", "name", "originPrefecture", "phone", "skills[0].trade"], Errors(rows[1]).Keys.Order(StringComparer.Ordinal));

        Assert.Equal("already-exists", rows[2].GetProperty("code").GetString());
        Assert.Equal(["row"], Errors(rows[3]).Keys);
        Assert.Equal(["minWage"], Errors(rows[4]).Keys);
        Assert.False(rows[0].TryGetProperty("errors", out _));

        // Stored: the two valid rows (one under a generated id), nothing of the refused ones.
        var generated = rows[5].GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", generated);
        Assert.Equal("seeking", (await GetWorkerAsync(valid)).GetProperty("status").GetString());
        Assert.Equal(county, (await GetWorkerAsync(generated)).GetProperty("originCounty").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{invalid}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{badValue}")).StatusCode);
    }

    [Fact]
    public async Task Ndjson_rows_register_one_a_line_and_answer_with_their_lines()
    {
        var first = Http.NewId("w");
        var second = Http.NewId("w");
        var body = $"{OneLine(Samples.Worker(first))}\n\n{{\"id\":\"broken\",\n{OneLine(Samples.Worker(second))}\n";

        var response = await _staff.PostAsync("/api/workers/batch", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var rows = (await response.OkJsonAsync()).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([201, 400, 201], rows.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal([0, 1, 2], rows.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal([1, 3, 4], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["row"], Errors(rows[1]).Keys);
        Assert.Equal("lincang", (await GetWorkerAsync(second)).GetProperty("originPrefecture").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _staff.GetAsync($"/api/workers/{first}")).StatusCode);
    }

    [Fact]
    public async Task A_full_batch_of_1000_rows_registers_every_row()
    {
        // Cooks from a county of their own: no other test's order or count sees them.
        var county = $"c{Guid.NewGuid():N}"[..16];
        var ids = Enumerable.Range(0, 1_000).Select(i => $"{county}-{i:D4}").ToList();
        var body = "[" + string.Join(",", ids.Select(id => Cook(id, county))) + "]";

        var answer = await (await _staff.PostJsonAsync("/api/workers/batch", body)).OkJsonAsync();

        Assert.Equal(1_000, Count(answer, "created"));
        Assert.Equal(ids, answer.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        Assert.Equal(1_000, await CountByOriginAsync(county));
    }

    [Fact]
    public async Task A_batch_over_1000_rows_or_over_the_body_limit_is_refused_whole_and_stores_nothing()
    {
        var ids = Enumerable.Range(0, 1_001).Select(_ => Http.NewId("w")).ToList();
        var body = "[" + string.Join(",", ids.Select(id => OneLine(Samples.Worker(id)))) + "]";
        Assert.True(Encoding.UTF8.GetByteCount(body) > 64 * 1024, "a full batch is larger than a single route's body limit");

        var tooMany = await (await _staff.PostJsonAsync("/api/workers/batch", body)).ProblemAsync(HttpStatusCode.BadRequest);
        var tooLarge = await _staff.PostJsonAsync("/api/workers/batch", $"[{OneLine(Samples.Worker(ids[0]))},\"{new string('x', 2_200_000)}\"]");

        Assert.Contains("at most 1,000", tooMany.GetProperty("errors").GetProperty("body")[0].GetString(), StringComparison.Ordinal);
        await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        foreach (var id in new[] { ids[0], ids[500], ids[^1] })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_csv_with_chinese_headers_and_a_bom_imports_every_row()
    {
        var (valid, unreadable, invalid) = (Http.NewId("w"), Http.NewId("w"), Http.NewId("w"));
        var csv = string.Join("\r\n",
            ChineseHeader,
            $"{valid},付明,13812345678,530902199801010011,yunnan,lincang,临翔区,ruralLabour;povertyAlleviated,welder:senior:焊工证、电工证;general:junior,jiading|baoshan,\"6,500\",{Soon},是,临沧技师学院",
            $"{unreadable},李四,13812345678,530902199801010011,yunnan,lincang,,ruralLabour,welder:senior,jiading,很多,明天,也许,",
            $"{invalid},王五,12345,530902199801010011,atlantis,lincang,,ruralLabour,welder:senior,jiading,6000,{Soon},否,",
            "");

        var rows = await ImportAsync([.. _bom, .. Encoding.UTF8.GetBytes(csv)]);

        Assert.Equal([201, 400, 400], rows.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal([2, 3, 4], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal([valid, unreadable, invalid], rows.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(["minWage", "availableFrom", "needsLodging"], Errors(rows[1]).Keys);
        Assert.Equal(["originProvince", "phone"], Errors(rows[2]).Keys.Order());

        var worker = await GetWorkerAsync(valid);
        Assert.Equal("付明", worker.GetProperty("name").GetString());
        Assert.Equal(6500, worker.GetProperty("minWage").GetInt32());
        Assert.True(worker.GetProperty("needsLodging").GetBoolean());
        Assert.Equal(["ruralLabour", "povertyAlleviated"], Strings(worker.GetProperty("categories")));
        Assert.Equal(["jiading", "baoshan"], Strings(worker.GetProperty("desiredDistricts")));
        Assert.Equal(["临沧技师学院"], Strings(worker.GetProperty("programmes")));
        var skills = worker.GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(["welder:senior", "general:junior"], skills.Select(s => $"{s.GetProperty("trade").GetString()}:{s.GetProperty("level").GetString()}"));
        Assert.Equal(["焊工证", "电工证"], Strings(skills[0].GetProperty("certificates")));
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{unreadable}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{invalid}")).StatusCode);
    }

    [Fact]
    public async Task A_csv_with_english_headers_in_any_order_imports_and_an_unknown_column_refuses_the_file()
    {
        var county = Http.NewId("county");
        var csv = $"""
            Skills,name,PHONE,idNumber,originProvince,originPrefecture,originCounty,desiredDistricts,minWage,availableFrom,needsLodging,programmes
            fitter:intermediate,付明,138 1234 5678,530902199801010011,anhui,fuyang,{county},pudong,5500,{Soon},false,"阜阳职校;上海, 嘉定实训基地"
            """;

        var rows = await ImportAsync(Encoding.UTF8.GetBytes(csv));

        var row = Assert.Single(rows);
        Assert.Equal(201, row.GetProperty("status").GetInt32());
        var worker = await GetWorkerAsync(row.GetProperty("id").GetString()!);
        Assert.Equal(county, worker.GetProperty("originCounty").GetString());
        Assert.Equal("13812345678", worker.GetProperty("phone").GetString());
        Assert.Equal("fitter", worker.GetProperty("skills")[0].GetProperty("trade").GetString());
        Assert.Equal(["阜阳职校", "上海, 嘉定实训基地"], Strings(worker.GetProperty("programmes")));
        Assert.False(worker.GetProperty("needsLodging").GetBoolean());

        var unknown = Http.NewId("w");
        var refused = await _staff.PostAsync("/api/workers/import", Csv($"id,name,wechat\n{unknown},付明,fuming98\n"));
        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("'wechat'", problem.GetProperty("errors").GetProperty("columns")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{unknown}")).StatusCode);
    }

    [Fact]
    public async Task An_imported_worker_is_matched_like_any_other()
    {
        var (_, order) = await Entities.OrderAsync(_staff);
        var worker = Http.NewId("w");
        var csv = $"{ChineseHeader}\n{worker},付明,13812345678,530902199801010011,yunnan,lincang,临翔区,ruralLabour,welder:senior:焊工证,jiading,6000,{Soon},是,临沧技师学院\n";

        var row = Assert.Single(await ImportAsync(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(201, row.GetProperty("status").GetInt32());

        var candidates = await (await _staff.GetAsync($"/api/job-orders/{order}/candidates?take=200")).JsonAsync();
        var mine = Assert.Single(candidates.GetProperty("items").EnumerateArray(), c => c.GetProperty("workerId").GetString() == worker);
        Assert.InRange(mine.GetProperty("score").GetInt32(), 1, 100);
    }

    [Fact]
    public async Task The_same_list_sent_again_registers_nobody_twice()
    {
        var prefecture = $"t{Guid.NewGuid():N}"[..16];
        var csv = Encoding.UTF8.GetBytes(string.Join("\n",
            [ChineseHeader, .. Enumerable.Range(1, 3).Select(i => $",付明{i},13812345678,530902199801010011,anhui,{prefecture},,ruralLabour,general:junior,,0,{Soon},否,")]));

        var first = await ImportAsync(csv);
        var again = await ImportAsync(csv);

        Assert.Equal([201, 201, 201], first.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal([409, 409, 409], again.Select(r => r.GetProperty("status").GetInt32()));
        Assert.Equal(first.Select(r => r.GetProperty("id").GetString()), again.Select(r => r.GetProperty("id").GetString()));
        Assert.All(again, r => Assert.Equal("already-exists", r.GetProperty("code").GetString()));
        Assert.Equal(3, await CountByOriginAsync(prefecture));

        // A JSON batch without ids: a retry with its Idempotency-Key replays the first answer, a resend without one
        // meets the workers the first run registered.
        var batch = $"[{WithoutId(prefecture, "anhui")}]";
        var keyed = await _staff.SendJsonAsync(HttpMethod.Post, "/api/workers/batch", batch, "batch-" + prefecture);
        var replay = await _staff.SendJsonAsync(HttpMethod.Post, "/api/workers/batch", batch, "batch-" + prefecture);
        var resent = await (await _staff.PostJsonAsync("/api/workers/batch", batch)).OkJsonAsync();

        Assert.Equal(await keyed.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(201, (await keyed.OkJsonAsync()).GetProperty("items")[0].GetProperty("status").GetInt32());
        Assert.Equal(409, resent.GetProperty("items")[0].GetProperty("status").GetInt32());
        Assert.Equal(4, await CountByOriginAsync(prefecture));
    }

    [Fact]
    public async Task Roles_other_than_staff_get_403_and_store_nothing()
    {
        var id = Http.NewId("w");
        Caller[] callers = [Caller.Recruiter("acme"), Caller.Operator("anting"), Caller.Viewer("fair-1")];
        foreach (var caller in callers)
        {
            var client = factory.Client(caller);
            await (await client.PostJsonAsync("/api/workers/batch", $"[{Samples.Worker(id)}]")).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.PostAsync("/api/workers/import", Csv($"id,name\n{id},付明\n"))).ProblemAsync(HttpStatusCode.Forbidden);
            await (await client.GetAsync("/api/workers/import/template")).ProblemAsync(HttpStatusCode.Forbidden);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{id}")).StatusCode);
        var admin = await factory.Client(Caller.Admin).PostJsonAsync("/api/workers/batch", $"[{Samples.Worker(id)}]");
        Assert.Equal(201, (await admin.OkJsonAsync()).GetProperty("items")[0].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_template_downloads_with_a_bom_and_chinese_headers_and_imports_cleanly()
    {
        var response = await _staff.GetAsync("/api/workers/import/template");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(_bom, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(ChineseHeader, lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);

        var row = Assert.Single(await ImportAsync(bytes));
        Assert.Equal(201, row.GetProperty("status").GetInt32());
        var worker = await GetWorkerAsync(row.GetProperty("id").GetString()!);
        Assert.Equal("张三", worker.GetProperty("name").GetString());
        Assert.Equal("welder", worker.GetProperty("skills")[0].GetProperty("trade").GetString());
    }

    [Fact]
    public async Task The_bulk_routes_are_described_with_their_bodies_and_refusals()
    {
        var doc = await (await _staff.GetAsync("/openapi/v1.json")).JsonAsync();
        var paths = doc.GetProperty("paths");

        var batch = paths.GetProperty("/api/workers/batch").GetProperty("post");
        var import = paths.GetProperty("/api/workers/import").GetProperty("post");
        var template = paths.GetProperty("/api/workers/import/template").GetProperty("get");

        Assert.Equal(["application/json", "application/x-ndjson"], Names(batch.GetProperty("requestBody").GetProperty("content")).Order());
        Assert.Equal(["text/csv"], Names(import.GetProperty("requestBody").GetProperty("content")));
        foreach (var operation in new[] { batch, import })
        {
            Assert.Equal(["200", "400", "401", "403", "409", "413", "415", "422", "429"], Names(operation.GetProperty("responses")).Order());
            Assert.Contains("items", Names(ResponseSchema(doc, operation).GetProperty("properties")));
        }

        Assert.Equal(["text/csv"], Names(template.GetProperty("responses").GetProperty("200").GetProperty("content")));
    }

    private async Task<List<JsonElement>> ImportAsync(byte[] csv)
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var answer = await (await _staff.PostAsync("/api/workers/import", content)).OkJsonAsync();
        return [.. answer.GetProperty("items").EnumerateArray()];
    }

    private async Task<JsonElement> GetWorkerAsync(string id)
    {
        var response = await _staff.GetAsync($"/api/workers/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<int> CountByOriginAsync(string origin) =>
        (await (await _staff.GetAsync($"/api/workers?origin={origin}")).JsonAsync()).GetProperty("total").GetInt32();

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    /// <summary>The sample worker without an id, made distinct by its county (or its origin) so it is nobody else's row.</summary>
    private static string WithoutId(string county, string? province = null)
    {
        var worker = JsonNode.Parse(Samples.Worker("x"))!.AsObject();
        worker.Remove("id");
        worker["originCounty"] = county;
        if (province is not null)
        {
            worker["originProvince"] = province;
            worker["originPrefecture"] = county;
        }

        return worker.ToJsonString();
    }

    private static string Cook(string id, string prefecture)
    {
        var worker = JsonNode.Parse(Samples.Worker(id))!.AsObject();
        worker["originProvince"] = "anhui";
        worker["originPrefecture"] = prefecture;
        worker["skills"] = JsonNode.Parse("""[{"trade":"cook","level":"intermediate"}]""");
        return worker.ToJsonString();
    }

    private static string OneLine(string json) => JsonNode.Parse(json)!.ToJsonString();

    private static int Count(JsonElement answer, string name) => answer.GetProperty(name).GetInt32();

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    private static string[] Names(JsonElement obj) => [.. obj.EnumerateObject().Select(p => p.Name)];

    private static Dictionary<string, string> Errors(JsonElement body) =>
        body.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => string.Join(" | ", Strings(p.Value)));

    /// <summary>The 200 answer's schema, following a reference into the components.</summary>
    private static JsonElement ResponseSchema(JsonElement doc, JsonElement operation)
    {
        var schema = operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        return schema.TryGetProperty("$ref", out var reference)
            ? doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;
    }
}

internal static class BatchAnswers
{
    /// <summary>Asserts a 200 JSON answer and returns its body.</summary>
    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}
