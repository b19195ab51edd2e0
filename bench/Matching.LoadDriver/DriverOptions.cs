using Matching.Bench;
using Matching.Workload;

namespace Matching.LoadDriver;

/// <summary>What a run does and how big it is; every option has the standard workload's default.</summary>
public sealed record DriverOptions
{
    public string Scenario { get; init; } = "register";
    public int Workers { get; init; } = 100_000;
    public int Orders { get; init; } = 10_000;
    public int Employers { get; init; } = 500;
    public int Seed { get; init; } = WorkloadOptions.DefaultSeed;

    /// <summary>Registrations per second, open loop; 0 sends as fast as <see cref="Concurrency"/> calls allow.</summary>
    public int Rate { get; init; } = 2_000;

    /// <summary>Calls in flight in the closed loop, and for loading the orders.</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>The open loop's bound: beyond it the sender waits, and its lag is reported.</summary>
    public int MaxInFlight { get; init; } = 1_000;

    /// <summary>Hold attempts per case of the holds scenario.</summary>
    public int Holds { get; init; } = 10_000;

    /// <summary>Recruiters acting at once in the holds scenario (the standard load pattern's 1,000).</summary>
    public int Recruiters { get; init; } = 1_000;

    /// <summary>Orders with few slots that one round of contended holds fights over.</summary>
    public int HotOrdersPerRound { get; init; } = 20;

    public static DriverOptions From(Arguments args)
    {
        var defaults = new DriverOptions();
        return new DriverOptions
        {
            Scenario = args.Text("scenario", defaults.Scenario),
            Workers = args.Int("workers", defaults.Workers),
            Orders = args.Int("orders", defaults.Orders),
            Employers = args.Int("employers", defaults.Employers),
            Seed = args.Int("seed", defaults.Seed),
            Rate = args.Int("rate", defaults.Rate),
            Concurrency = args.Int("concurrency", defaults.Concurrency),
            MaxInFlight = args.Int("max-in-flight", defaults.MaxInFlight),
            Holds = args.Int("holds", defaults.Holds),
            Recruiters = args.Int("recruiters", defaults.Recruiters),
            HotOrdersPerRound = args.Int("hot-orders", defaults.HotOrdersPerRound),
        };
    }

    /// <summary>The generator of this run, anchored on today because the grains validate dates against their clock.</summary>
    public WorkloadGenerator Generator(int workers) => new(new WorkloadOptions
    {
        Seed = Seed,
        Employers = Employers,
        JobOrders = Orders,
        Workers = workers,
        Today = DateOnly.FromDateTime(DateTime.UtcNow),
    });
}
