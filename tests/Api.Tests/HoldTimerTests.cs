using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Matching.Api.Tests;

/// <summary>
/// A hold's lapse is made visible by the order's own timer, without any call: on a domain clock the test moves
/// (the timer itself runs on real time, so the shortest hold the settings allow keeps the wait to a second).
/// </summary>
public sealed class HoldTimerTests
{
    [Fact]
    public async Task A_hold_past_its_deadline_is_announced_as_expired_with_no_call_after_the_clock_moved()
    {
        var clock = new FakeTimeProvider(TestClock.Noon);
        await using var factory = new ApiFactory(ApiFactory.NewDataPath(), clock, new Dictionary<string, string?> { ["Matching:Holds:MinTtlSeconds"] = "1" });
        var staff = factory.Client(Caller.Staff);
        var (employer, order) = await Entities.OrderAsync(staff);
        var worker = await Entities.WorkerAsync(staff);
        await using var screen = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, "HoldChanged");
        await screen.InvokeAsync("JoinEmployer", employer);
        var granted = await staff.PostJsonAsync($"/api/job-orders/{order}/holds", $$"""{"workerId":"{{worker}}","ttlSeconds":1}""");
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var hold = (await granted.JsonAsync()).GetProperty("holdId").GetString();
        await screen.WaitForAsync("HoldChanged", e => e.GetProperty("holdId").GetString() == hold && e.GetProperty("state").GetString() == "held");

        clock.Advance(TimeSpan.FromSeconds(2));

        var expired = await screen.WaitForAsync("HoldChanged", e => e.GetProperty("holdId").GetString() == hold && e.GetProperty("state").GetString() == "expired");
        Assert.Equal(5, expired.GetProperty("openSlots").GetInt32());
        Assert.Equal(["held", "expired"], screen.Received.Select(r => r.Event.GetProperty("state").GetString()));
    }
}
