using System.Net;

namespace Matching.Api.Tests.Fuzz;

/// <summary>
/// A product of its own for the hostile-input tests, so the totals they compare are theirs alone, with one
/// entity of each kind for the routes that change an existing one. Its limits are far above what the tests
/// send, so every case meets the routes rather than the rate limiter.
/// </summary>
public sealed class FuzzProduct : IAsyncLifetime
{
    public ApiFactory Factory { get; } = new(Unlimited());

    /// <summary>Every role's allowances raised far above the cases sent, and the anonymous one too.</summary>
    private static Dictionary<string, string?> Unlimited()
    {
        var settings = new Dictionary<string, string?> { ["Matching:RateLimits:AnonymousPerAddress"] = "1000000" };
        foreach (var role in new[] { "Admin", "Staff", "Recruiter", "LodgingOperator", "BoardViewer" })
        {
            foreach (var kind in new[] { "Writes", "Reads", "HubConnections", "HubCalls" })
            {
                settings[$"Matching:RateLimits:{role}:{kind}"] = "1000000";
            }
        }

        return settings;
    }

    public string Employer { get; } = Http.NewId("emp");

    public string Order { get; } = Http.NewId("job");

    /// <summary>Seeking, not held: a hold or check-in that got through would show on it.</summary>
    public string Worker { get; } = Http.NewId("w");

    public string Site { get; } = Http.NewId("site");

    public string Fair { get; } = Http.NewId("fair");

    public string Reservation { get; private set; } = "";

    public HttpClient Admin { get; private set; } = null!;

    /// <summary>What every read of the existing entities and every list total answers; compared before and after.</summary>
    public async Task<Dictionary<string, string>> StateAsync()
    {
        string[] reads =
        [
            $"/api/employers/{Employer}", $"/api/job-orders/{Order}", $"/api/job-orders/{Order}/holds", $"/api/workers/{Worker}",
            $"/api/lodging/sites/{Site}", $"/api/lodging/sites/{Site}/availability", $"/api/lodging/beds/{Site}~0001",
            $"/api/lodging/reservations/{Reservation}", $"/api/fairs/{Fair}", $"/api/fairs/{Fair}/board",
        ];
        string[] lists = ["/api/employers", "/api/job-orders", "/api/workers", "/api/lodging/sites", "/api/fairs"];
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var read in reads)
        {
            state[read] = await Admin.GetStringAsync(read);
        }

        foreach (var list in lists)
        {
            state[list] = (await (await Admin.GetAsync($"{list}?take=1")).JsonAsync()).GetProperty("total").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return state;
    }

    public async Task InitializeAsync()
    {
        Admin = Factory.Client();
        await CreatedAsync("/api/employers", Samples.Employer(Employer));
        await CreatedAsync("/api/job-orders", Samples.JobOrder(Order, Employer));
        await CreatedAsync("/api/workers", Samples.Worker(Worker));
        await CreatedAsync("/api/lodging/sites", Samples.Site(Site));
        await CreatedAsync($"/api/lodging/sites/{Site}/beds", """{"count":3}""");
        await CreatedAsync("/api/fairs", Samples.Fair(Fair, Employer));

        // A hired worker of the key enterprise, lodged: a stay to aim the reservation routes at.
        var lodger = Http.NewId("w");
        await CreatedAsync("/api/workers", Samples.Worker(lodger));
        var hold = await (await Admin.PostJsonAsync($"/api/job-orders/{Order}/holds", $$"""{"workerId":"{{lodger}}"}""")).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await Admin.PostAsync($"/api/holds/{hold.GetProperty("holdId").GetString()}/confirm", null)).StatusCode);
        var from = TestClock.Day(2);
        var to = TestClock.Day(4);
        var stay = await CreatedAsync("/api/lodging/reservations", $$"""{"workerId":"{{lodger}}","siteId":"{{Site}}","from":"{{from}}","to":"{{to}}"}""");
        Reservation = (await stay.JsonAsync()).GetProperty("reservationId").GetString()!;
    }

    public Task DisposeAsync() => Factory.DisposeAsync().AsTask();

    private async Task<HttpResponseMessage> CreatedAsync(string route, string body)
    {
        var response = await Admin.PostJsonAsync(route, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response;
    }
}
