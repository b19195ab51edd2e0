using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>
/// A fair day at the door: each worker's check-in code (text, QR image, card), the desk checking a visitor in by the
/// code once, the booth scanning it to see the fit and hold in one step, every big screen in step, and the
/// end-of-day summary.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class FairDayTests(ApiFactory factory)
{
    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    [Fact]
    public async Task A_worker_has_one_check_in_code_as_text_qr_image_and_card_for_staff_only()
    {
        var worker = await Entities.WorkerAsync(_staff);

        var card = await (await _staff.GetAsync($"/api/workers/{worker}/check-in-card")).OkJsonAsync();
        var code = card.GetProperty("code").GetString()!;
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", code);
        Assert.Equal("付明", card.GetProperty("name").GetString());
        Assert.Equal("138****5678", card.GetProperty("phone").GetString());
        Assert.Equal(code, (await (await _staff.GetAsync($"/api/workers/{worker}/check-in-card")).OkJsonAsync()).GetProperty("code").GetString());
        Assert.NotEqual(code, (await (await _staff.GetAsync($"/api/workers/{await Entities.WorkerAsync(_staff)}/check-in-card")).OkJsonAsync()).GetProperty("code").GetString());

        var png = await _staff.GetAsync($"/api/workers/{worker}/check-in-code.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await png.Content.ReadAsByteArrayAsync())[..4]);
        var svg = await _staff.GetAsync($"/api/workers/{worker}/check-in-code.svg");
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await svg.Content.ReadAsStringAsync());

        // The card shows the name in full: a read of personal data, in the worker's audit log.
        var audit = await (await factory.Client(Caller.Admin).GetAsync($"/api/audit/workers/{worker}")).OkJsonAsync();
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), r => r.GetProperty("what").GetString() == "GET /api/workers/{id}/check-in-card");

        var (employer, _) = await Entities.OrderAsync(_staff);
        var recruiter = factory.Client(Caller.Recruiter(employer));
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/api/workers/{worker}/check-in-card")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/api/workers/{worker}/check-in-code.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _staff.GetAsync($"/api/workers/{Http.NewId("w")}/check-in-card")).StatusCode);
    }

    [Fact]
    public async Task The_desk_checks_a_visitor_in_by_code_once_and_says_so_on_a_repeat()
    {
        var (employer, order) = await Entities.OrderAsync(_staff);
        var fair = await FairAsync(employer);
        var worker = await Entities.WorkerAsync(_staff);
        var code = await CodeAsync(worker);

        // As a scanner types it, or a person with the dash left out and in lower case.
        var first = await CheckInAsync(fair, $$"""{"code":"{{code}}"}""");
        Assert.Equal((worker, 1, false), (first.GetProperty("workerId").GetString(), first.GetProperty("checkIns").GetInt32(), first.GetProperty("repeat").GetBoolean()));
        Assert.Equal(order, first.GetProperty("match").GetProperty("jobOrderId").GetString());
        Assert.Equal("付*", first.GetProperty("visitor").GetProperty("name").GetString());

        var repeat = await CheckInAsync(fair, $$"""{"code":"{{code.Replace("-", "").ToLowerInvariant()}}"}""");
        Assert.Equal((1, true), (repeat.GetProperty("checkIns").GetInt32(), repeat.GetProperty("repeat").GetBoolean()));
        Assert.Equal(1, (await (await _staff.GetAsync($"/api/fairs/{fair}/board")).OkJsonAsync()).GetProperty("checkIns").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", """{"code":"00000-00000"}""")).StatusCode);
        Assert.Equal(["code"], await (await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", """{"code":"hello?"}""")).FieldErrorsAsync());
        Assert.Equal(["code"], await (await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"code":"{{code}}","workerId":"{{worker}}"}""")).FieldErrorsAsync());
        Assert.Equal(["workerId"], await (await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", "{}")).FieldErrorsAsync());
    }

    [Fact]
    public async Task A_booth_scan_shows_the_visitor_masked_with_the_fit_of_the_booths_orders_and_the_hold_follows()
    {
        var (employer, order) = await Entities.OrderAsync(_staff);
        var cooks = Http.NewId("job");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/job-orders", Samples.JobOrder(cooks, employer, trade: "cook"))).StatusCode);
        var (other, _) = await Entities.OrderAsync(_staff);
        var fair = await FairAsync(employer);
        var visitor = await Entities.WorkerAsync(_staff);
        var stranger = await Entities.WorkerAsync(_staff);
        await CheckInAsync(fair, $$"""{"code":"{{await CodeAsync(visitor)}}"}""");
        var recruiter = factory.Client(Caller.Recruiter(employer));

        var scan = await (await recruiter.PostJsonAsync($"/api/fairs/{fair}/booth-scans", $$"""{"code":"{{await CodeAsync(visitor)}}"}""")).OkJsonAsync();
        Assert.Equal(visitor, scan.GetProperty("workerId").GetString());
        Assert.Equal(("付*", "138****5678"), (scan.GetProperty("visitor").GetProperty("name").GetString(), scan.GetProperty("visitor").GetProperty("phone").GetString()));
        Assert.DoesNotContain("530902", scan.GetRawText());
        var fits = scan.GetProperty("fits").EnumerateArray().ToList();
        Assert.Equal([order, cooks], fits.Select(f => f.GetProperty("jobOrderId").GetString()));
        Assert.True(fits[0].GetProperty("eligible").GetBoolean());
        Assert.False(fits[1].GetProperty("eligible").GetBoolean());
        Assert.NotEmpty(fits[1].GetProperty("failedFilters").EnumerateArray());

        // The fit is the explain route's.
        var explain = await (await _staff.GetAsync($"/api/matches/explain?workerId={visitor}&jobOrderId={order}")).OkJsonAsync();
        Assert.Equal(explain.GetProperty("score").GetInt32(), fits[0].GetProperty("score").GetInt32());
        Assert.Equal(explain.GetProperty("reasons").GetRawText(), fits[0].GetProperty("reasons").GetRawText());

        var hold = await recruiter.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{visitor}}"}""");
        Assert.Equal(HttpStatusCode.Created, hold.StatusCode);

        // A code of someone who did not check in here answers as an unknown code does; another employer's booth is refused.
        var notHere = await recruiter.PostJsonAsync($"/api/fairs/{fair}/booth-scans", $$"""{"code":"{{await CodeAsync(stranger)}}"}""");
        var unknown = await recruiter.PostJsonAsync($"/api/fairs/{fair}/booth-scans", """{"code":"00000-00000"}""");
        Assert.Equal(HttpStatusCode.NotFound, notHere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(
            (await notHere.JsonAsync()).GetProperty("title").GetString(),
            (await unknown.JsonAsync()).GetProperty("title").GetString());
        var outsider = factory.Client(Caller.Recruiter(other));
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostJsonAsync($"/api/fairs/{fair}/booth-scans", $$"""{"code":"{{await CodeAsync(visitor)}}"}""")).StatusCode);
        Assert.Equal(["employerId"], await (await _staff.PostJsonAsync($"/api/fairs/{fair}/booth-scans", $$"""{"code":"{{await CodeAsync(visitor)}}"}""")).FieldErrorsAsync());
    }

    [Fact]
    public async Task Two_screens_of_a_fair_show_the_same_figures_and_ticker_and_the_end_of_day_summary()
    {
        var (employer, order) = await Entities.OrderAsync(_staff);
        var fair = await FairAsync(employer);
        await using var early = await HubClient.ConnectAsync(factory, "/hubs/fair", "BoardChanged", "MatchMade", "FairClosed");
        await early.InvokeAsync("JoinFair", fair);

        var visitors = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            visitors.Add(await Entities.WorkerAsync(_staff));
            await CheckInAsync(fair, $$"""{"workerId":"{{visitors[^1]}}"}""");
        }

        // A screen switched on later takes the board as it stands, then follows the same events.
        await using var late = await HubClient.ConnectAsync(factory, "/hubs/fair", "BoardChanged", "MatchMade", "FairClosed");
        var snapshot = (await late.InvokeAsync("JoinFair", fair)).GetProperty("snapshot");
        for (var i = 0; i < 2; i++)
        {
            visitors.Add(await Entities.WorkerAsync(_staff));
            await CheckInAsync(fair, $$"""{"workerId":"{{visitors[^1]}}"}""");
        }

        // The last check-in's ticker line follows its counters in the same feed: the next seq.
        foreach (var screen in new[] { early, late })
        {
            var counters = await screen.WaitForAsync("BoardChanged", e => e.GetProperty("checkIns").GetInt32() == 6);
            await screen.WaitForAsync("MatchMade", e => e.GetProperty("seq").GetInt64() == counters.GetProperty("seq").GetInt64() + 1);
        }

        static string[] Lines(HubClient c) => [.. c.Received.Where(r => r.Method == "MatchMade").Select(r => r.Event.GetProperty("line").GetString()! + r.Event.GetProperty("at").GetString())];
        string[] lateTicker = [.. snapshot.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("line").GetString()! + r.GetProperty("at").GetString()), .. Lines(late)];
        Assert.Equal(6, Lines(early).Length);
        Assert.Equal(Lines(early), lateTicker);

        var board = await (await _staff.GetAsync($"/api/fairs/{fair}/board")).OkJsonAsync();
        string[] boardTicker = [.. board.GetProperty("recent").EnumerateArray().Select(r => r.GetProperty("line").GetString()! + r.GetProperty("at").GetString())];
        Assert.Equal(Lines(early), boardTicker);

        // One visitor held at the booth, then the day ends: every screen gets the same summary, and so does the board.
        Assert.Equal(HttpStatusCode.Created, (await factory.Client(Caller.Recruiter(employer)).PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{visitors[0]}}"}""")).StatusCode);
        Assert.Equal("closed", (await (await _staff.PostAsync($"/api/fairs/{fair}/close", null)).OkJsonAsync()).GetProperty("status").GetString());
        var summaries = await Task.WhenAll(early.WaitForAsync("FairClosed", _ => true), late.WaitForAsync("FairClosed", _ => true));
        var summary = summaries[0].GetProperty("summary");
        Assert.Equal((6, 6, 1, 0), (Int(summary, "checkIns"), Int(summary, "matched"), Int(summary, "held"), Int(summary, "hired")));
        Assert.Equal(6, summary.GetProperty("byProvince").GetProperty("yunnan").GetInt32());
        Assert.Equal(summary.GetRawText(), summaries[1].GetProperty("summary").GetRawText());
        var closed = await (await _staff.GetAsync($"/api/fairs/{fair}/board")).OkJsonAsync();
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal(summary.GetRawText(), closed.GetProperty("summary").GetRawText());
    }

    [Fact]
    public void A_code_reads_back_as_scanned_or_typed_and_nothing_else_passes_for_one()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => Fairs.CheckInCodes.NewCode()).ToList();
        Assert.Equal(200, codes.Distinct().Count());
        foreach (var code in codes)
        {
            var printed = Fairs.CheckInCodes.Display(code);
            Assert.Equal(code, Fairs.CheckInCodes.Normalize(printed));
            Assert.Equal(code, Fairs.CheckInCodes.Normalize($"  {printed.ToLowerInvariant()} "));
        }

        // The letters people take for digits read as those digits; anything else is no code.
        Assert.Equal("0011100000", Fairs.CheckInCodes.Normalize("OOIiL-ooooo"));
        Assert.Null(Fairs.CheckInCodes.Normalize("K7Q2M-9XA4"));
        Assert.Null(Fairs.CheckInCodes.Normalize("K7Q2M-9XA4RR"));
        Assert.Null(Fairs.CheckInCodes.Normalize("K7Q2M-9XA4U"));
        Assert.Null(Fairs.CheckInCodes.Normalize(""));
        Assert.Null(Fairs.CheckInCodes.Normalize(new string('0', 100)));
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private async Task<string> FairAsync(string employer)
    {
        var fair = Http.NewId("fair");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer))).StatusCode);
        return fair;
    }

    private async Task<string> CodeAsync(string worker) =>
        (await (await _staff.GetAsync($"/api/workers/{worker}/check-in-card")).OkJsonAsync()).GetProperty("code").GetString()!;

    private async Task<JsonElement> CheckInAsync(string fair, string body) =>
        await (await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", body)).OkJsonAsync();
}
