using System.Globalization;
using Matching.Bench;
using Matching.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// The cluster profile on one machine: a database of its own, N silo processes on 127.0.0.1 (each on fixed
/// ports, so one can be started again where it was), and clients of them in this process — an Orleans client
/// and the API — all configured by the same <c>Matching:*</c> keys.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly PostgreSqlServer _server;
    private readonly SiloProcess?[] _silos;
    private readonly (int Silo, int Gateway, int Metrics)[] _ports;
    private readonly List<IAsyncDisposable> _clients = [];

    private ProcessCluster(PostgreSqlServer server, string connectionString, int silos, IReadOnlyDictionary<string, string>? settings)
    {
        _server = server;
        _silos = new SiloProcess?[silos];
        _ports = [.. Enumerable.Range(0, silos).Select(_ => (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()))];
        var shared = new Dictionary<string, string>
        {
            ["Matching:Mode"] = "cluster",
            ["Matching:PostgreSql:ConnectionString"] = connectionString,
            ["Matching:ClusterId"] = $"test-{Guid.NewGuid():N}",
            ["Matching:AdvertisedAddress"] = "127.0.0.1",

            // A dead silo is declared dead after three missed 2 s probes instead of three of 5 s, so a failover
            // test waits seconds, not the production default of 15-20 s; not shorter, for a silo starved of CPU
            // by the rest of the test run must not be taken for dead.
            ["Matching:Membership:ProbeTimeout"] = "00:00:02",
            ["Matching:Membership:NumMissedProbesLimit"] = "3",
            ["Matching:Membership:TableRefreshTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            shared[key] = value;
        }

        Settings = shared;
    }

    /// <summary>The keys every process of this cluster shares.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public string ConnectionString => Settings["Matching:PostgreSql:ConnectionString"];

    /// <summary>
    /// A new database and <paramref name="silos"/> silos started together (they apply the schema at start);
    /// <paramref name="settings"/> are more keys every process of the cluster shares.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(PostgreSqlServer server, int silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ProcessCluster(server, await server.CreateDatabaseAsync(), silos, settings);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, silos).Select(cluster.StartSiloAsync));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Where silo <paramref name="index"/> serves its Prometheus scrape.</summary>
    public Uri MetricsUri(int index) => new($"http://127.0.0.1:{_ports[index].Metrics}/metrics");

    /// <summary>Which of the silos is the one at <paramref name="address"/> (by its silo port).</summary>
    public int IndexOf(SiloAddress address) => Array.FindIndex(_ports, p => p.Silo == address.Endpoint.Port);

    public SiloProcess Silo(int index) => _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");

    /// <summary>Starts silo <paramref name="index"/> (again) on its ports.</summary>
    public async Task StartSiloAsync(int index)
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Matching:SiloPort"] = _ports[index].Silo.ToString(CultureInfo.InvariantCulture),
            ["Matching:GatewayPort"] = _ports[index].Gateway.ToString(CultureInfo.InvariantCulture),
            ["Matching:Telemetry:MetricsPort"] = _ports[index].Metrics.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Matching.Silo"] = "Information",

            // Several silos share two cores with the tests: workstation GC keeps each one small.
            ["DOTNET_gcServer"] = "0",
        };
        _silos[index] = await SiloProcess.StartAsync(settings);
    }

    /// <summary>kill -9 of silo <paramref name="index"/>.</summary>
    public async Task KillSiloAsync(int index)
    {
        await Silo(index).KillAsync();
        await Silo(index).DisposeAsync();
        _silos[index] = null;
    }

    /// <summary>
    /// Waits (bounded) until the membership table lists <paramref name="count"/> active silos: after a kill the
    /// survivors need a few missed probes to declare the dead one dead, and no event of that reaches a client.
    /// </summary>
    public async Task WaitForActiveSilosAsync(IClusterClient client, int count)
    {
        var management = client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await management.GetHosts(onlyActive: true)).Count != count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The cluster did not come to {count} active silos.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    /// <summary>
    /// An Orleans client of the cluster, configured as the API configures its own in cluster mode; keys in
    /// <paramref name="settings"/> take the place of the cluster's (a client configured otherwise).
    /// </summary>
    public async Task<IClusterClient> ClientAsync(Action<IClientBuilder>? configure = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(Settings!);
        builder.Configuration.AddInMemoryCollection(settings!);
        builder.UseOrleansClient(client =>
        {
            client.UseMatchingClustering(builder.Configuration);
            configure?.Invoke(client);
        });
        var host = builder.Build();
        await host.StartAsync();
        _clients.Add(new HostHandle(host));
        return host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The API in cluster mode, as a client of these silos.</summary>
    public ClusterApiFactory Api()
    {
        var api = new ClusterApiFactory(Settings);
        _clients.Add(api);
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        foreach (var silo in _silos.OfType<SiloProcess>())
        {
            await silo.DisposeAsync();
        }

        await _server.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Stops a client host without waiting for silos that may be gone.</summary>
    private sealed class HostHandle(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await host.StopAsync(timeout.Token);
            }
            finally
            {
                host.Dispose();
            }
        }
    }
}
