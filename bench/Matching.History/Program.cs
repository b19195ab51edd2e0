using System.Diagnostics;
using System.Globalization;
using Matching.Bench;
using Matching.History;

// A long randomized history against the running product with kill -9 faults, then a checker over what it recorded
// and what the product holds afterwards. Exits non-zero on any violation. See BENCHMARKS.md for the long run.
var options = RunOptions.Parse(args);
var credentials = new Credentials();
var dataPath = Path.Combine(Path.GetTempPath(), $"matching-history-{Guid.NewGuid():N}");
var address = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
var run = new HistoryRun(options, credentials, dataPath, address);
var cpu = Process.GetCurrentProcess().TotalProcessorTime;
var wall = Stopwatch.StartNew();
Console.WriteLine(options.IsSoak
    ? Line($"soak: {options.Minutes} minutes at {(options.Rate > 0 ? $"{options.Rate}/s" : "full speed")} from {options.Clients} clients, {options.Workers:N0} workers at most, {options.Kills} kills, {options.Screens} screens, seed {options.Seed}; load average {ProcFs.LoadAverage()}")
    : Line($"history: {options.Operations:N0} operations from {options.Clients} clients, {options.Kills} kills, {options.Screens} screens, seed {options.Seed}; load average {ProcFs.LoadAverage()}"));
try
{
    await run.StartProductAsync();
    await run.SetUpAsync();
    Console.WriteLine(Line($"set up in {wall.Elapsed.TotalSeconds:F1} s: {run.Known.Orders.Count} orders, {run.Known.Workers.Count} workers, {run.Known.Sites.Count} sites, a fair"));
    var running = Stopwatch.StartNew();
    await run.RunAsync();
    var ops = run.History.Operations.ToList();
    Console.WriteLine(Line($"ran in {running.Elapsed.TotalSeconds:F1} s: {ops.Count:N0} requests, {run.History.Attempts:N0} attempts, {run.Kills} kills (restart {Median(run.RestartSeconds):F1} s median)"));
    foreach (var kind in ops.GroupBy(o => o.Kind).OrderBy(g => g.Key, StringComparer.Ordinal))
    {
        var answers = kind.GroupBy(o => o.Final?.Status ?? 0).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}");
        Console.WriteLine(Line($"  {kind.Key,-14} {kind.Count(),7:N0}  {string.Join(" ", answers)}"));
        foreach (var refused in kind.Where(o => o.Final is { Status: >= 400 }).GroupBy(o => o.Final!.Status).Select(g => g.First().Final!))
        {
            Console.WriteLine(Line($"      e.g. {refused.Status}: {refused.Body[..Math.Min(160, refused.Body.Length)]}"));
        }
    }

    // Steps a kill left open settle within seconds (see the README's reservations); then the state is read.
    await Task.Delay(TimeSpan.FromSeconds(8));
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
    Console.WriteLine(Line($"screens: {screens.Sum(s => s.Received):N0} events received, {screens.Sum(s => s.Rejoins)} rejoins ({screens.Sum(s => s.Replayed):N0} events replayed, {screens.Sum(s => s.Snapshots) - screens.Count} snapshots after a drop)"));
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
    Console.WriteLine(Line($"history: {ops.Count:N0} operations, {run.Kills} kills, {checker.Violations.Count} violations in {wall.Elapsed.TotalSeconds:F0} s (runner CPU {used.TotalSeconds:F0} s; load average {ProcFs.LoadAverage()})"));
    return checker.Violations.Count == 0 && flat ? 0 : 1;
}
finally
{
    foreach (var screen in run.Screens)
    {
        await screen.DisposeAsync();
    }

    await run.StopProductAsync();
    if (Directory.Exists(dataPath))
    {
        Directory.Delete(dataPath, recursive: true);
    }
}

static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
