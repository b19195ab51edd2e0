using System.Globalization;
using Matching;
using Matching.Bench;
using Matching.ClusterLoad;
using Matching.Employers;
using Matching.Hosting;
using Matching.JobOrders;
using Matching.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Registrations/s and holds/s of one mode, configured by the product's own keys:
//   embedded (default): a silo in this process over a fresh SQLite store, called through its IGrainFactory,
//                       as the API's co-hosted silo is;
//   cluster:            a client of running silos (Matching:Mode=cluster, Matching:PostgreSql:ConnectionString);
//   Load:Client=true:   in embedded mode, a client of a standalone embedded silo (src/Silo) on Matching:GatewayPort,
//                       which tells the cost of the client hop apart from the cost of the store.
// Load:Workers, Load:Orders and Load:Concurrency size the run; it exits non-zero when any call failed.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var configuration = builder.Configuration;
var cluster = configuration.GetMatchingOptions().IsCluster() || configuration.GetValue<bool>("Load:Client");
var dataPath = Path.Combine(Path.GetTempPath(), $"matching-load-{Guid.NewGuid():N}");
if (cluster)
{
    builder.UseOrleansClient(client => client.UseMatchingClustering(configuration));
}
else
{
    configuration["Matching:DataPath"] = dataPath;

    // A silo of the bench's own must not take the ports of a product or another bench on the same machine.
    configuration["Matching:SiloPort"] ??= LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
    configuration["Matching:GatewayPort"] ??= LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
    builder.UseOrleans(silo => silo.UseMatchingClustering(configuration).AddMatching(configuration));
}

var workers = configuration.GetValue("Load:Workers", 4000);
var orders = configuration.GetValue("Load:Orders", 40);
var concurrency = configuration.GetValue("Load:Concurrency", 64);

using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var run = Guid.NewGuid().ToString("N")[..8];
var employer = $"load-{run}";
var trades = Profiles.Trades;

await grains.GetGrain<IEmployerGrain>(employer).CreateAsync(Profiles.Employer(employer));
var orderIds = Enumerable.Range(0, orders).Select(i => $"load-{run}-job-{i}").ToArray();
await Task.WhenAll(orderIds.Select((id, i) => grains.GetGrain<IJobOrderGrain>(id)
    .CreateAsync(Profiles.JobOrder(id, employer, trades[i % trades.Length], headcount: workers / orders + 1))));

var workerIds = Enumerable.Range(0, workers).Select(i => $"load-{run}-w-{i}").ToArray();
var registrations = await Load.RunAsync(workers, concurrency, i =>
    grains.GetGrain<IWorkerGrain>(workerIds[i]).CreateAsync(Profiles.Worker(workerIds[i], trades[i % trades.Length])));

// Worker i holds a slot of an order of its own trade; every order has room for all of its workers.
var holds = await Load.RunAsync(workers, concurrency, i =>
    grains.GetGrain<IJobOrderGrain>(orderIds[i % orders]).HoldAsync(workerIds[i], 600));

Console.WriteLine($"mode={(cluster ? "cluster" : "embedded")} workers={workers} orders={orders} concurrency={concurrency}");
Console.WriteLine($"registrations: {registrations}");
Console.WriteLine($"holds:         {holds}");

await host.StopAsync();
if (Directory.Exists(dataPath))
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dataPath, recursive: true);
}

// A failed call means the figures are not of the work they name.
return registrations.Failures + holds.Failures == 0 ? 0 : 1;
