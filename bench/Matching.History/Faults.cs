using System.Diagnostics;
using System.Globalization;

namespace Matching.History;

/// <summary>A kind of fault a run deals the product.</summary>
internal enum FaultKind
{
    /// <summary>Embedded: <c>kill -9</c> of the one process, started again over the same data.</summary>
    ProductKill,

    /// <summary>Cluster: <c>kill -9</c> of a silo, started again on its ports after a moment.</summary>
    SiloKill,

    /// <summary>Cluster: a silo frozen with SIGSTOP for a few seconds, then thawed with SIGCONT.</summary>
    SiloPause,

    /// <summary>Cluster: PostgreSQL stopped (<c>pg_ctl stop -m fast</c> or <c>immediate</c>) and started again on its port and data.</summary>
    DatabaseRestart,
}

/// <summary>One fault as it was dealt.</summary>
/// <param name="Kind">Which fault.</param>
/// <param name="Target">What it hit: a silo, PostgreSQL, the product.</param>
/// <param name="Began">When it began (<see cref="Stopwatch.GetTimestamp"/>).</param>
/// <param name="Ended">When the part was back.</param>
/// <param name="Note">What else happened, e.g. the stop mode, or that a frozen silo was declared dead and started again.</param>
internal sealed record Fault(FaultKind Kind, string Target, long Began, long Ended, string Note = "")
{
    /// <summary>From the fault's start until the part was back: started and joined, thawed, or accepting connections.</summary>
    public TimeSpan Outage => Stopwatch.GetElapsedTime(Began, Ended);

    /// <summary>
    /// From the fault's start until the last write it held up was answered: every write in flight at some moment of
    /// the fault (sent before it ended, answered after it began); null when none was.
    /// </summary>
    public TimeSpan? Recovery(IEnumerable<Operation> operations)
    {
        var caught = operations.Where(o => o.SentAt <= Ended && o.AnsweredAt >= Began).Select(o => o.AnsweredAt).ToList();
        return caught.Count == 0 ? null : Stopwatch.GetElapsedTime(Began, caught.Max());
    }
}

/// <summary>
/// The faults of a run, dealt one at a time at even points of its progress while the clients go on: the kinds
/// in a seeded random order, so each run interleaves them differently and the same seed the same way.
/// </summary>
internal sealed class FaultPlan
{
    private readonly List<FaultKind> _order;

    public FaultPlan(IReadOnlyDictionary<FaultKind, int> counts, int seed)
    {
        var random = new Random(seed);
        _order = [.. counts.SelectMany(c => Enumerable.Repeat(c.Key, c.Value)).OrderBy(_ => random.Next())];
    }

    public int Planned => _order.Count;

    public List<Fault> Done { get; } = [];

    /// <summary>Deals fault n once <paramref name="progress"/> reaches n / (planned + 1), repairing what stopped by itself after each.</summary>
    public async Task RunAsync(IDeployment deployment, Func<double> progress, int seed)
    {
        var random = new Random(seed);
        while (Done.Count < _order.Count)
        {
            if (progress() >= (Done.Count + 1) / (double)(_order.Count + 1))
            {
                var fault = await deployment.InjectAsync(_order[Done.Count], random);
                var repaired = await deployment.RepairAsync();
                lock (Done)
                {
                    Done.Add(repaired == 0 ? fault : fault with { Note = Join(fault.Note, $"{repaired} silo(s) that stopped by themselves started again") });
                }
            }

            await Task.Delay(50);
        }
    }

    /// <summary>One line per kind: how many, how long the part was out, and how long until the writes it held up were answered.</summary>
    public IEnumerable<string> Report(IReadOnlyCollection<Operation> operations)
    {
        foreach (var kind in Done.GroupBy(f => f.Kind).OrderBy(g => g.Key))
        {
            var outages = kind.Select(f => f.Outage.TotalSeconds).ToList();
            var recoveries = kind.Select(f => f.Recovery(operations)?.TotalSeconds).OfType<double>().ToList();
            var notes = kind.Where(f => f.Note.Length > 0).GroupBy(f => f.Note).Select(g => $"{g.Count()}× {g.Key}");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {Name(kind.Key),-22} {kind.Count(),3}  out {Median(outages),5:F1} s median, {outages.Max(),5:F1} s max; writes held up answered within {Median(recoveries),5:F1} s median, {(recoveries.Count == 0 ? 0 : recoveries.Max()),5:F1} s max{(notes.Any() ? "; " + string.Join("; ", notes) : "")}");
        }
    }

    public static string Name(FaultKind kind) => kind switch
    {
        FaultKind.ProductKill => "product kill -9",
        FaultKind.SiloKill => "silo kill -9",
        FaultKind.SiloPause => "silo SIGSTOP/SIGCONT",
        _ => "PostgreSQL restart",
    };

    public int Count(FaultKind kind) => Done.Count(f => f.Kind == kind);

    public static double Median(IReadOnlyCollection<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    private static string Join(string a, string b) => a.Length == 0 ? b : $"{a}; {b}";
}
