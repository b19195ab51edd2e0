using System.Globalization;
using Matching.Bench;
using Matching.Workload;

namespace Matching.HubLoad;

/// <summary>
/// <c>Matching.HubLoad [clients] [rates,comma-separated] [seconds] [--name value …]</c>; every size has the
/// standard workload's default, so the plain command measures the standard case.
/// </summary>
public sealed record HubLoadOptions
{
    /// <summary>Recruiter clients, two per employer (the first employers get them when there are fewer clients).</summary>
    public int Clients { get; init; } = 1_000;

    /// <summary>Offered registrations per second, one step each.</summary>
    public IReadOnlyList<int> Rates { get; init; } = [500, 2_000];

    /// <summary>How long each rate is offered.</summary>
    public int Seconds { get; init; } = 10;

    public int Employers { get; init; } = 500;

    public int Orders { get; init; } = 10_000;

    public int Seed { get; init; } = WorkloadOptions.DefaultSeed;

    /// <summary>Calls in flight while the employers and orders are loaded.</summary>
    public int LoadConcurrency { get; init; } = 32;

    /// <summary>The longest wait, after a rate's last answer, for pushes still on their way.</summary>
    public int DrainSeconds { get; init; } = 30;

    /// <summary>
    /// Registrations per request: 1 sends each to <c>POST /api/workers</c>; more sends them in lists of this many to
    /// <c>POST /api/workers/batch</c>, as staff registering a county's list do (a list leaves when its last row is due).
    /// </summary>
    public int Batch { get; init; } = 1;

    /// <summary>The product's built <c>Matching.Api.dll</c>; by default the product built with this bench, in the same configuration.</summary>
    public string? Api { get; init; }

    public static HubLoadOptions Parse(string[] args)
    {
        // The first three arguments are positional, as the bench has always been called; named options follow.
        var positional = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        if (positional.Length > 3)
        {
            throw new ArgumentException("Usage: Matching.HubLoad [clients] [rates,comma-separated] [seconds] [--employers N] [--orders N] [--seed N] [--load-concurrency N] [--drain-seconds N] [--batch N] [--api path/Matching.Api.dll]");
        }

        var named = Arguments.Parse(args[positional.Length..]);
        var defaults = new HubLoadOptions();
        var options = new HubLoadOptions
        {
            Clients = positional.Length > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : defaults.Clients,
            Rates = positional.Length > 1 ? [.. positional[1].Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture))] : defaults.Rates,
            Seconds = positional.Length > 2 ? int.Parse(positional[2], CultureInfo.InvariantCulture) : defaults.Seconds,
            Employers = named.Int("employers", defaults.Employers),
            Orders = named.Int("orders", defaults.Orders),
            Seed = named.Int("seed", defaults.Seed),
            LoadConcurrency = named.Int("load-concurrency", defaults.LoadConcurrency),
            DrainSeconds = named.Int("drain-seconds", defaults.DrainSeconds),
            Batch = named.Int("batch", defaults.Batch),
            Api = named.Text("api", "") is { Length: > 0 } api ? api : null,
        };
        if (options.Clients < 1 || options.Seconds < 1 || options.Batch is < 1 or > 1000 || options.Rates.Count == 0 || options.Rates.Any(r => r < 1))
        {
            throw new ArgumentException("Clients, seconds and every rate must be at least 1, and a batch 1 to 1,000 rows.");
        }

        return options;
    }

    /// <summary>Writes that set up the run: every employer and every job order.</summary>
    public int LoadWrites => Employers + Orders;

    /// <summary>Registrations of the whole run: each rate registers fresh workers, so no step repeats another's.</summary>
    public int TotalWorkers => Rates.Sum(r => r * Seconds);

    /// <summary>The generator of this run, anchored on today because the product validates dates against its clock.</summary>
    public WorkloadGenerator Generator() => new(new WorkloadOptions
    {
        Seed = Seed,
        Employers = Employers,
        JobOrders = Orders,
        Workers = TotalWorkers,
        LodgingSites = 0,
        Beds = 0,
        Today = DateOnly.FromDateTime(DateTime.UtcNow),
    });
}
