using Matching.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Matching.HubLoad;
using Matching.Workers;

// Registration → recruiter push through the whole product as users run it: the API in a process of its own
// (embedded mode, bearer tokens, rate limits), the standard employers and open orders loaded over HTTP, N
// recruiter clients on /hubs/recruiter, then workers registered over HTTP at each offered rate.
// Usage: Matching.HubLoad [clients] [rates,comma-separated] [seconds] [--employers N] [--orders N] …
var options = HubLoadOptions.Parse(args);
var plan = RateLimitPlan.For(options);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB, {RuntimeInformation.FrameworkDescription}; product in its own process, embedded mode, Production, bearer tokens signed with a key given to it"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{options.Clients:N0} recruiter clients, rates {string.Join(", ", options.Rates.Select(r => $"{r:N0}/s"))} for {options.Seconds} s each, {options.Employers:N0} employers, {options.Orders:N0} open orders, seed {options.Seed}"));
if (options.Batch > 1)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"registrations in lists of {options.Batch} through POST /api/workers/batch, each list sent when its last row is due"));
}

foreach (var note in plan.Notes)
{
    Console.WriteLine(note);
}

var credentials = new Credentials();
var started = Stopwatch.StartNew();
await using var product = await ProductProcess.StartAsync(options.Api ?? ProductProcess.DefaultApiPath(), plan.Settings, credentials.ProductEnvironment);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"product ready at {product.Address} (pid {product.Pid}) in {started.Elapsed.TotalSeconds:F1} s{(plan.Settings.Count > 0 ? $", with {string.Join(' ', plan.Settings)}" : "")}"));

try
{
    using var api = new ProductClient(product.Address, Enumerable.Range(1, plan.StaffUsers).Select(credentials.Staff));
    var generator = options.Generator();
    var employers = generator.Employers();
    var loading = Stopwatch.StartNew();
    var throttled = 0;
    await Parallel.ForEachAsync(employers.Index(), new ParallelOptions { MaxDegreeOfParallelism = options.LoadConcurrency }, async (e, _) =>
    {
        Interlocked.Add(ref throttled, await api.CreateAsync("/api/employers", e.Item, e.Index));
    });
    await Parallel.ForEachAsync(generator.JobOrders().Index(), new ParallelOptions { MaxDegreeOfParallelism = options.LoadConcurrency }, async (o, _) =>
    {
        Interlocked.Add(ref throttled, await api.CreateAsync("/api/job-orders", o.Item, o.Index));
    });
    var loaded = Stopwatch.GetTimestamp();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{employers.Count:N0} employers and {options.Orders:N0} open job orders loaded over HTTP in {loading.Elapsed.TotalSeconds:F1} s ({throttled:N0} answers 429, waited out)"));

    var connecting = Stopwatch.StartNew();
    await using var recruiters = await Recruiters.ConnectAsync(product.Address, credentials, [.. employers.Select(e => e.Id!)], options.Clients, options.TotalWorkers);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{recruiters.Count:N0} recruiter clients connected (web sockets) and joined {Math.Min(employers.Count, (options.Clients + 1) / 2):N0} employers in {connecting.Elapsed.TotalSeconds:F1} s"));

    if (plan.MustWaitAfterLoading && Stopwatch.GetElapsedTime(loaded) < plan.Window)
    {
        Console.WriteLine("waiting out the rate limiter's window, so the loading's writes do not count against the first rate");
        await Task.Delay(plan.Window - Stopwatch.GetElapsedTime(loaded));
    }

    var results = new List<StepResult>();
    using var workers = generator.Workers().GetEnumerator();
    foreach (var rate in options.Rates)
    {
        var batch = new List<WorkerProfile>(rate * options.Seconds);
        while (batch.Count < rate * options.Seconds && workers.MoveNext())
        {
            batch.Add(workers.Current);
        }

        var result = await RateStep.RunAsync(api, recruiters, product, batch, rate, TimeSpan.FromSeconds(options.DrainSeconds), options.Batch);
        Console.WriteLine(result);
        results.Add(result);
    }

    Console.WriteLine("offered   achieved   failed   reached   p50 / p95 / p99 / max registration → CandidateFound");
    foreach (var r in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Rate,5:N0}/s  {r.Achieved,6:N0}/s  {r.Failed,7:N0}  {100 * r.ReachedShare,6:F1} %   {r.Push.Summary()}"));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"CandidateFound pushes received in all: {recruiters.Pushes:N0}"));

    // A run in which calls failed, or nothing reached a recruiter, did not measure the path it is named for.
    return results.All(r => r.Failed == 0) && results.Any(r => r.Push.Count > 0) ? 0 : 1;
}
catch
{
    // Whatever stopped the run, the product's last warnings and errors usually say why.
    Console.Error.WriteLine($"The product's last lines:{Environment.NewLine}{product.Tail}");
    throw;
}
