namespace Matching.Workload;

/// <summary>
/// The demo data set loaded at start when <c>Matching:Demo:Enabled</c> is true: a small slice of the
/// standard workload, the same for the same seed.
/// </summary>
public sealed class DemoOptions
{
    public const string Section = "Matching:Demo";

    public bool Enabled { get; set; }
    public int Seed { get; set; } = WorkloadOptions.DefaultSeed;
    public int Employers { get; set; } = 60;
    public int JobOrders { get; set; } = 200;
    public int Workers { get; set; } = 2_000;
    public int LodgingSites { get; set; } = 3;
    public int Beds { get; set; } = 100;
    /// <summary>Workers who check in at the demo fair, and then are held, hired and lodged (<see cref="DemoActivity"/>).</summary>
    public int FairVisitors { get; set; } = 300;

    public WorkloadOptions ToWorkload(DateOnly today) => new()
    {
        Seed = Seed,
        Employers = Employers,
        JobOrders = JobOrders,
        Workers = Workers,
        LodgingSites = LodgingSites,
        Beds = Beds,
        MinBedsPerSite = Math.Max(1, Math.Min(40, Beds / Math.Max(1, LodgingSites) / 2)),
        Today = today,
    };
}
