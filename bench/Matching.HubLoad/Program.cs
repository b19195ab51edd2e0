using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Employers;
using Matching.JobOrders;
using Matching.Workload;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.HubLoad;

// Registration → recruiter push latency: N recruiter clients on /hubs/recruiter, workers registered over
// HTTP at fixed rates; the time from sending the registration to the first CandidateFound for that worker
// on any recruiter client. Usage: dotnet run -c Release --project bench/Matching.HubLoad -- [clients] [rates] [seconds]
internal static class HubLoadProgram
{
    public static async Task Main(string[] args)
    {
        var clients = Arg(args, 0, 1000);
        var rates = args.Length > 1 ? args[1].Split(',').Select(int.Parse).ToArray() : [500, 2000];
        var seconds = Arg(args, 2, 10);
        const int employers = 500;
        const int orders = 10_000;
        
        await using var product = new Product();
        var baseAddress = product.Start();
        var grains = product.Services.GetRequiredService<IGrainFactory>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var generator = new WorkloadGenerator(new WorkloadOptions { Employers = employers, JobOrders = orders, Workers = 200_000, LodgingSites = 0, Beds = 0, Today = today });
        
        var setup = Stopwatch.StartNew();
        await Parallel.ForEachAsync(generator.Employers(), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (e, _) => await grains.GetGrain<IEmployerGrain>(e.Id!).CreateAsync(e));
        await Parallel.ForEachAsync(generator.JobOrders(), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (o, _) => await grains.GetGrain<IJobOrderGrain>(o.Id!).CreateAsync(o));
        Console.WriteLine($"{employers} employers and {orders} open job orders loaded in {setup.Elapsed.TotalSeconds:F1} s");
        
        var firstSeen = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var connections = new List<HubConnection>(clients);
        var employerIds = generator.Employers().Select(e => e.Id!).ToArray();
        for (var i = 0; i < clients; i++)
        {
            var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/recruiter")).Build();
            connection.On<JsonElement>("CandidateFound", e => firstSeen.TryAdd(e.GetProperty("workerId").GetString()!, Stopwatch.GetTimestamp()));
            await connection.StartAsync();
            await connection.InvokeAsync<JsonElement>("JoinEmployer", employerIds[i % employerIds.Length]);
            connections.Add(connection);
        }
        
        Console.WriteLine($"{clients} recruiter clients joined {Math.Min(clients, employers)} employers");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { BaseAddress = baseAddress };
        using var workers = generator.Workers().GetEnumerator();
        
        var results = new List<string>();
        foreach (var rate in rates)
        {
            var sent = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
            var total = rate * seconds;
            var failures = 0;
            var inFlight = new List<Task>(total);
            var clock = Stopwatch.StartNew();
            for (var n = 0; n < total; n++)
            {
                // Open loop: each registration leaves at its scheduled time, whether or not earlier ones have returned.
                var due = TimeSpan.FromSeconds((double)n / rate);
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed);
                }
        
                workers.MoveNext();
                var worker = workers.Current;
                sent[worker.Id!] = Stopwatch.GetTimestamp();
                inFlight.Add(Task.Run(async () =>
                {
                    var response = await http.PostAsJsonAsync("/api/workers", worker);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }));
            }
        
            await Task.WhenAll(inFlight);
            var achieved = total / clock.Elapsed.TotalSeconds;
        
            // Pushes still on their way get a moment to land before the figures are taken.
            await Task.Delay(TimeSpan.FromSeconds(2));
            var latencies = sent
                .Where(s => firstSeen.ContainsKey(s.Key))
                .Select(s => Stopwatch.GetElapsedTime(s.Value, firstSeen[s.Key]).TotalMilliseconds)
                .Order()
                .ToArray();
            var line = string.Create(CultureInfo.InvariantCulture,
                $"rate {rate}/s: sent {total} in {clock.Elapsed.TotalSeconds:F1} s ({achieved:F0}/s achieved, {failures} failed); " +
                $"{latencies.Length} ({100.0 * latencies.Length / total:F1} %) reached a recruiter; " +
                $"registration → CandidateFound p50 {Percentile(latencies, 0.50):F1} ms, p95 {Percentile(latencies, 0.95):F1} ms, " +
                $"p99 {Percentile(latencies, 0.99):F1} ms, max {(latencies.Length > 0 ? latencies[^1] : 0):F1} ms");
            Console.WriteLine(line);
            results.Add(line);
        }
        
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static int Arg(string[] args, int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
