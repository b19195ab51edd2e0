using System.Globalization;

namespace Matching.Bench;

/// <summary>
/// The silos of the cluster profile on one machine: N silo processes on 127.0.0.1 over one PostgreSQL database,
/// each on ports of its own fixed for the cluster's life, so a silo killed or stopped starts again where it was;
/// and the <c>Matching:*</c> keys every process of the cluster shares, silos and clients (the API) alike.
/// </summary>
public sealed class SiloCluster : IAsyncDisposable
{
    private readonly SiloProcess?[] _silos;
    private readonly (int Silo, int Gateway, int Metrics)[] _ports;

    /// <param name="silos">How many silos.</param>
    /// <param name="connectionString">The database every silo keeps grain state, membership and reminders in.</param>
    /// <param name="settings">More keys every process of the cluster shares (they take the place of the defaults below).</param>
    public SiloCluster(int silos, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        _silos = new SiloProcess?[silos];
        _ports = [.. Enumerable.Range(0, silos).Select(_ => (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free()))];
        var shared = new Dictionary<string, string>
        {
            ["Matching:Mode"] = "cluster",
            ["Matching:PostgreSql:ConnectionString"] = connectionString,
            ["Matching:ClusterId"] = $"local-{Guid.NewGuid():N}",
            ["Matching:AdvertisedAddress"] = "127.0.0.1",

            // A dead silo is declared dead after three missed 2 s probes instead of three of 5 s, so a failover
            // waits seconds, not the production default of 15-20 s; not shorter, for a silo starved of CPU by
            // everything else on the machine must not be taken for dead.
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

    public int Count => _silos.Length;

    /// <summary>Where silo <paramref name="index"/> serves its Prometheus scrape.</summary>
    public Uri MetricsUri(int index) => new($"http://127.0.0.1:{_ports[index].Metrics}/metrics");

    /// <summary>Which of the silos listens on <paramref name="siloPort"/>; -1 for none.</summary>
    public int IndexOf(int siloPort) => Array.FindIndex(_ports, p => p.Silo == siloPort);

    public SiloProcess Silo(int index) => _silos[index] ?? throw new InvalidOperationException($"Silo {index} is not running.");

    /// <summary>Whether silo <paramref name="index"/> was started and has not been killed or stopped (it may have exited by itself).</summary>
    public bool IsStarted(int index) => _silos[index] is not null;

    /// <summary>Starts every silo that is not running, together (they apply the schema at start, one at a time).</summary>
    public Task StartAllAsync() => Task.WhenAll(Enumerable.Range(0, Count).Where(i => !IsStarted(i)).Select(StartAsync));

    /// <summary>Starts silo <paramref name="index"/> (again) on its ports and waits until it has joined.</summary>
    public async Task StartAsync(int index)
    {
        var settings = new Dictionary<string, string>(Settings)
        {
            ["Matching:SiloPort"] = _ports[index].Silo.ToString(CultureInfo.InvariantCulture),
            ["Matching:GatewayPort"] = _ports[index].Gateway.ToString(CultureInfo.InvariantCulture),
            ["Matching:Telemetry:MetricsPort"] = _ports[index].Metrics.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Matching.Silo"] = "Information",

            // Several silos share the machine's cores with the rest: workstation GC keeps each one small.
            ["DOTNET_gcServer"] = "0",
        };
        _silos[index] = await SiloProcess.StartAsync(settings);
    }

    /// <summary><c>kill -9</c> of silo <paramref name="index"/>.</summary>
    public async Task KillAsync(int index)
    {
        await Silo(index).DisposeAsync();
        _silos[index] = null;
    }

    /// <summary>Stops every silo as a service manager would (SIGTERM), one after another, so each hands its work to those left.</summary>
    public async Task StopAllAsync()
    {
        for (var index = 0; index < Count; index++)
        {
            if (_silos[index] is { } silo)
            {
                await silo.StopAsync();
                await silo.DisposeAsync();
                _silos[index] = null;
            }
        }
    }

    /// <summary>Kills every silo still running.</summary>
    public async ValueTask DisposeAsync()
    {
        for (var index = 0; index < Count; index++)
        {
            if (_silos[index] is { } silo)
            {
                await silo.DisposeAsync();
                _silos[index] = null;
            }
        }
    }
}
