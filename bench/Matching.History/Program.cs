using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.History;

// A long randomized history against the running product with faults (kill -9 of the product; in the cluster profile
// silos killed and frozen, PostgreSQL restarted), then a checker over what it recorded and what the product holds
// afterwards. Exits non-zero on any violation. See RELIABILITY.md for the long runs.
if (args.Contains("--help"))
{
    Console.WriteLine(RunOptions.Usage);
    return 0;
}

var options = RunOptions.Parse(args);
var credentials = new Credentials();
var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
await using IDeployment deployment = options.Cluster
    ? new ClusterProduct(options, credentials, address)
    : new EmbeddedProduct(options.Api, credentials, Path.Combine(Path.GetTempPath(), $"matching-history-{Guid.NewGuid():N}"), address);
var run = new HistoryRun(options, credentials, deployment, address);
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
var faults = string.Join(", ", options.Faults.Where(f => f.Value > 0).Select(f => $"{f.Value} × {FaultPlan.Name(f.Key)}").DefaultIfEmpty("no faults"));
var profile = options.Cluster ? $"cluster profile ({options.Silos} silos, PostgreSQL, the API as their client)" : "embedded product";
Console.WriteLine(options.IsSoak
    ? Line($"soak: {options.Minutes} minutes at {(options.Rate > 0 ? $"{options.Rate}/s" : "full speed")} from {options.Clients} clients, {options.Workers:N0} workers at most, {options.Screens} screens, {profile}, {faults}, seed {options.Seed}; load average {ProcFs.LoadAverage()}")
    : Line($"history: {options.Operations:N0} operations from {options.Clients} clients, {options.Screens} screens, {profile}, {faults}, seed {options.Seed}; load average {ProcFs.LoadAverage()}"));
try
{
    await run.StartProductAsync();
    await run.SetUpAsync();
    Console.WriteLine(Line($"set up in {wall.Elapsed.TotalSeconds:F1} s: {run.Known.Orders.Count} orders, {run.Known.Workers.Count} workers, {run.Known.Sites.Count} sites, a fair"));
    var running = Stopwatch.StartNew();
    await run.RunAsync();
    var ops = run.History.Operations.ToList();
    Console.WriteLine(Line($"ran in {running.Elapsed.TotalSeconds:F1} s: {ops.Count:N0} requests, {run.History.Attempts:N0} attempts, {run.Faults.Done.Count} faults"));
    foreach (var line in run.Faults.Report(ops))
    {
        Console.WriteLine(line);
    }

    var failed = ops.SelectMany(o => o.Answers).Where(a => a.Status is 0 or >= 500).GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key)}×{g.Count():N0}");
    Console.WriteLine(Line($"  attempts that failed and were retried with their key: {string.Join(" ", failed.DefaultIfEmpty("none"))}"));
    foreach (var slow in ops.Where(o => o.AnsweredAt > 0).OrderByDescending(o => o.AnsweredAt - o.SentAt).Take(3))
    {
        Console.WriteLine(Line($"  slowest: {slow.Kind} {slow.Method} {slow.Path} answered after {Stopwatch.GetElapsedTime(slow.SentAt, slow.AnsweredAt).TotalSeconds:F1} s, attempts {string.Join(" ", slow.Answers.Select(a => a.Status == 0 ? a.Body : a.Status.ToString(CultureInfo.InvariantCulture)))}: {slow.Final?.Body[..Math.Min(100, slow.Final.Body.Length)]}"));
    }
    foreach (var kind in ops.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var answers = kind.GroupBy(o => o.Final?.Status ?? 0).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        Console.WriteLine(Line($"  {kind.Key,-14} {kind.Count(),7:N0}  {string.Join(" ", answers)}"));
        foreach (var refused in kind.Where(o => o.Final is { Status: >= 400 }).GroupBy(o => o.Final!.Status).Select(g => g.First().Final!))
        {
            Console.WriteLine(Line($"      e.g. {refused.Status}: {refused.Body[..Math.Min(160, refused.Body.Length)]}"));
        }
    }

    // Steps a fault left open settle within seconds (see the README's reservations); then the state is read, with
    // every process of the product up.
    await Task.Delay(TimeSpan.FromSeconds(8));
    await run.Deployment.RepairAsync();
    var checker = new Checker(run);
    await checker.CheckStateAsync();

    // Every hold let go, the live lists are read, then a restart rebuilds every list from the store alone.
    foreach (var hold in run.Known.Holds.Keys)
    {
        await run.History.WriteAsync(0, "final-release", HttpMethod.Delete, $"/api/holds/{hold}");
    }

    var live = await checker.ListsAsync();
    await run.StopProductAsync();
    await run.StartProductAsync();
    checker.CompareLists(live, await checker.ListsAsync());
    checker.AddScreenViolations(run.Violations);

    var screens = run.Screens;
    Console.WriteLine(Line($"screens: {screens.Sum(s => s.Received):N0} events received, {screens.Sum(s => s.Rejoins)} rejoins ({screens.Sum(s => s.Replayed):N0} events replayed, {screens.Sum(s => s.Snapshots) - screens.Count} snapshots after a drop or a new epoch; {screens.Sum(s => s.NewEpochs)} new epochs heard on a live connection)"));
    foreach (var (check, count) in checker.Checked.OrderBy(c => c.Key, StringComparer.Ordinal))
    {
        Console.WriteLine(Line($"  checked {count,8:N0}  {check}"));
    }

    foreach (var violation in checker.Violations.Take(30))
    {
        Console.WriteLine($"VIOLATION {violation}");
    }

    var flat = true;
    if (options.IsSoak && run.Memory.Growth() is { } growth)
    {
        // After the warm-up the working set must stay level: a leak shows as the last third above the middle one.
        flat = growth <= MemorySamples.AllowedGrowth;
        Console.WriteLine(Line($"memory: working set {run.Memory.Samples.Min(s => s.WorkingSetBytes) / 1048576.0:F0}–{run.Memory.Samples.Max(s => s.WorkingSetBytes) / 1048576.0:F0} MB over {run.Memory.Samples.Count} minutes; last third {growth:+0.0%;-0.0%} against the middle third ({(flat ? "flat" : "GROWING")}, {MemorySamples.AllowedGrowth:0%} allowed)"));
    }

    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine(Line($"history: {ops.Count:N0} operations, {run.Faults.Done.Count} faults ({string.Join(", ", run.Faults.Done.GroupBy(f => f.Kind).Select(g => $"{g.Count()} × {FaultPlan.Name(g.Key)}"))}), {checker.Violations.Count} violations in {wall.Elapsed.TotalSeconds:F0} s (runner CPU {used.TotalSeconds:F0} s; load average {ProcFs.LoadAverage()})"));
    return checker.Violations.Count == 0 && flat ? 0 : 1;
}
finally
{
    foreach (var screen in run.Screens)
    {
        await screen.DisposeAsync();
    }
}

static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
