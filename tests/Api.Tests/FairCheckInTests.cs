using System.Net;
using System.Text.Json;

namespace Matching.Api.Tests;

/// <summary>A fair's check-ins as the desk and the big screen see them: a repeat counts once, a closed fair takes none.</summary>
[Collection(ApiCollection.Name)]
public sealed class FairCheckInTests(ApiFactory factory)
{
    private readonly HttpClient _staff = factory.Client(Caller.Staff);

    [Fact]
    public async Task A_repeat_check_in_counts_once_and_moves_no_screen_and_a_closed_fair_takes_no_check_in()
    {
        var (employer, _) = await Entities.OrderAsync(_staff);
        var fair = Http.NewId("fair");
        Assert.Equal(HttpStatusCode.Created, (await _staff.PostJsonAsync("/api/fairs", Samples.Fair(fair, employer))).StatusCode);
        await using var screen = await HubClient.ConnectAsync(factory, "/hubs/fair", Caller.Staff, "BoardChanged");
        await screen.InvokeAsync("JoinFair", fair);
        var (first, second, late) = (await Entities.WorkerAsync(_staff), await Entities.WorkerAsync(_staff), await Entities.WorkerAsync(_staff));

        var arrived = await CheckInAsync(fair, first);
        var repeat = await CheckInAsync(fair, first);
        var next = await CheckInAsync(fair, second);

        Assert.Equal((1, false), (arrived.GetProperty("checkIns").GetInt32(), arrived.GetProperty("repeat").GetBoolean()));
        Assert.Equal((1, true), (repeat.GetProperty("checkIns").GetInt32(), repeat.GetProperty("repeat").GetBoolean()));
        Assert.Equal(arrived.GetProperty("match").GetRawText(), repeat.GetProperty("match").GetRawText());
        Assert.Equal((2, false), (next.GetProperty("checkIns").GetInt32(), next.GetProperty("repeat").GetBoolean()));

        // The second visitor's board is the sentinel: a board the repeat pushed would have come before it.
        await screen.WaitForAsync("BoardChanged", e => e.GetProperty("checkIns").GetInt32() == 2);
        Assert.Equal([1, 2], screen.Received.Select(r => r.Event.GetProperty("checkIns").GetInt32()));

        Assert.Equal(HttpStatusCode.OK, (await _staff.PostAsync($"/api/fairs/{fair}/close", null)).StatusCode);
        var refused = await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{late}}"}""");
        var again = await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{first}}"}""");

        Assert.Equal("fair-closed", (await refused.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal("fair-closed", (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        var board = await (await _staff.GetAsync($"/api/fairs/{fair}/board")).JsonAsync();
        Assert.Equal((2, "closed"), (board.GetProperty("checkIns").GetInt32(), board.GetProperty("status").GetString()));
    }

    private async Task<JsonElement> CheckInAsync(string fair, string worker)
    {
        var response = await _staff.PostJsonAsync($"/api/fairs/{fair}/check-ins", $$"""{"workerId":"{{worker}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
