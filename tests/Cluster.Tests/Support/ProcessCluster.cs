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
    private readonly SiloCluster _silos;
    private readonly List<IAsyncDisposable> _clients = [];

    private ProcessCluster(PostgreSqlServer server, string connectionString, int silos, IReadOnlyDictionary<string, string>? settings)
    {
        _server = server;
        _silos = new SiloCluster(silos, connectionString, settings);
    }

    /// <summary>The keys every process of this cluster shares.</summary>
    public IReadOnlyDictionary<string, string> Settings => _silos.Settings;

    public string ConnectionString => _silos.ConnectionString;

    /// <summary>
    /// A new database and <paramref name="silos"/> silos started together (they apply the schema at start);
    /// <paramref name="settings"/> are more keys every process of the cluster shares.
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(PostgreSqlServer server, int silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var cluster = new ProcessCluster(server, await server.CreateDatabaseAsync(), silos, settings);
        try
        {
            await cluster._silos.StartAllAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Where silo <paramref name="index"/> serves its Prometheus scrape.</summary>
    public Uri MetricsUri(int index) => _silos.MetricsUri(index);

    /// <summary>Which of the silos is the one at <paramref name="address"/> (by its silo port).</summary>
    public int IndexOf(SiloAddress address) => _silos.IndexOf(address.Endpoint.Port);

    public SiloProcess Silo(int index) => _silos.Silo(index);

    /// <summary>Starts silo <paramref name="index"/> (again) on its ports.</summary>
    public Task StartSiloAsync(int index) => _silos.StartAsync(index);

    /// <summary>kill -9 of silo <paramref name="index"/>.</summary>
    public Task KillSiloAsync(int index) => _silos.KillAsync(index);

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

        await _silos.DisposeAsync();

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
