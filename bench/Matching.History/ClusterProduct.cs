using System.Diagnostics;
using Matching.Bench;

namespace Matching.History;

/// <summary>
/// The cluster profile as a run deploys it on 127.0.0.1: a PostgreSQL server of the run's own (initdb and pg_ctl
/// in a temporary folder, on a free port), <c>--silos</c> silo processes (src/Silo) over it, and the API
/// (<c>Matching.Api.dll</c>, Production) as their Orleans client, which the clients and screens talk to. Its
/// faults hit one part while the others go on: a silo killed (<c>kill -9</c>) and started again, a silo frozen
/// (SIGSTOP) and thawed (SIGCONT), PostgreSQL stopped and started again on its port over its data.
/// </summary>
/// <remarks>
/// Everything it started stops with it: at the end, on a failure, and on Ctrl+C or SIGTERM (<see cref="StopOnExit"/>);
/// the API first, then the silos, then the database, whose folder is deleted.
/// </remarks>
internal sealed class ClusterProduct(RunOptions options, Credentials credentials, Uri address) : IDeployment
{
    // Down long enough that the survivors notice (three missed 2 s probes declare a silo dead), short enough for a
    // supervisor that restarts a crashed process at once; a frozen silo stays under that, so it is suspected, not dead.
    private static readonly (double Min, double Max) _killedFor = (0, 6);
    private static readonly (double Min, double Max) _pausedFor = (2, 4);
    private static readonly (double Min, double Max) _databaseDownFor = (1, 3);

    // A frozen silo that was declared dead all the same (the machine was slow) stops itself soon after it thaws.
    private static readonly TimeSpan _afterThaw = TimeSpan.FromSeconds(3);

    private readonly Lock _gate = new();
    private LocalPostgreSql? _database;
    private SiloCluster? _silos;
    private ProductProcess? _api;
    private StopOnExit? _guard;
    private Task? _disposed;
    private int _databaseRestarts;

    public IReadOnlyList<FaultKind> Kinds { get; } = [FaultKind.SiloKill, FaultKind.SiloPause, FaultKind.DatabaseRestart];

    public int? ApiPid => _api?.Pid;

    public async Task StartAsync()
    {
        if (_database is null)
        {
            _guard = new StopOnExit(() => DisposeAsync().AsTask(), TimeSpan.FromSeconds(60));

            // Room for a full Npgsql pool (100 connections) per silo, and for the API's reads of the membership table.
            _database = await LocalPostgreSql.StartAsync(maxConnections: 100 + (options.Silos * 100));
            _silos = new SiloCluster(options.Silos, _database.ConnectionString, new Dictionary<string, string> { [RunnerSettings.KeyQuota] = RunnerSettings.KeyQuotaValue });
        }

        await _silos!.StartAllAsync();
        if (_api is null)
        {
            // The cluster's keys reach the API in its environment, as a deployment hands them to every process.
            var environment = new Dictionary<string, string>(credentials.ProductEnvironment);
            foreach (var (key, value) in _silos.Settings)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            _api = await ProductProcess.StartAsync(options.Api ?? ProductProcess.DefaultApiPath(), [], environment, address: address);
        }
    }

    public async Task StopAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
            _api = null;
        }

        if (_silos is not null)
        {
            await _silos.StopAllAsync();
        }
    }

    public Task<Fault> InjectAsync(FaultKind kind, Random random) => kind switch
    {
        FaultKind.SiloKill => KillSiloAsync(random),
        FaultKind.SiloPause => PauseSiloAsync(random),
        FaultKind.DatabaseRestart => RestartDatabaseAsync(random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a fault of the cluster profile."),
    };

    public async Task<int> RepairAsync()
    {
        var repaired = 0;
        for (var index = 0; index < _silos!.Count; index++)
        {
            if (_silos.IsStarted(index) && !_silos.Silo(index).Exited.IsCompleted)
            {
                continue;
            }

            if (_silos.IsStarted(index))
            {
                Console.WriteLine($"  silo {index} stopped by itself; its last lines:{Environment.NewLine}{Indent(_silos.Silo(index).Log, 12)}");
                await _silos.KillAsync(index);
            }

            await _silos.StartAsync(index);
            repaired++;
        }

        return repaired;
    }

    /// <summary>Stops the API, kills the silos, stops PostgreSQL and deletes its folder; once, however often it is called.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            return new(_disposed ??= RemoveAsync());
        }
    }

    private async Task<Fault> KillSiloAsync(Random random)
    {
        var index = random.Next(_silos!.Count);
        var began = Stopwatch.GetTimestamp();
        await _silos.KillAsync(index);
        await Task.Delay(Between(_killedFor, random));
        await _silos.StartAsync(index);
        return new Fault(FaultKind.SiloKill, $"silo {index}", began, Stopwatch.GetTimestamp());
    }

    private async Task<Fault> PauseSiloAsync(Random random)
    {
        var index = random.Next(_silos!.Count);
        var silo = _silos.Silo(index);
        var began = Stopwatch.GetTimestamp();
        silo.Pause();
        await Task.Delay(Between(_pausedFor, random));
        silo.Resume();
        var ended = Stopwatch.GetTimestamp();
        var stopped = await Task.WhenAny(silo.Exited, Task.Delay(_afterThaw)) == silo.Exited;
        return new Fault(FaultKind.SiloPause, $"silo {index}", began, ended, stopped ? "declared dead while frozen" : "");
    }

    private async Task<Fault> RestartDatabaseAsync(Random random)
    {
        // Both ways a database goes down: a clean stop that ends every session, and a crash that recovers at start.
        var mode = _databaseRestarts++ % 2 == 0 ? "fast" : "immediate";
        var began = Stopwatch.GetTimestamp();
        await _database!.StopAsync(mode);
        await Task.Delay(Between(_databaseDownFor, random));
        await _database.StartAgainAsync();
        return new Fault(FaultKind.DatabaseRestart, "PostgreSQL", began, Stopwatch.GetTimestamp(), $"-m {mode}");
    }

    private async Task RemoveAsync()
    {
        try
        {
            if (_api is not null)
            {
                await _api.DisposeAsync();
            }

            if (_silos is not null)
            {
                await _silos.DisposeAsync();
            }
        }
        finally
        {
            if (_database is not null)
            {
                await _database.DisposeAsync();
            }

            _guard?.Dispose();
        }
    }

    private static TimeSpan Between((double Min, double Max) seconds, Random random) =>
        TimeSpan.FromSeconds(seconds.Min + (random.NextDouble() * (seconds.Max - seconds.Min)));

    private static string Indent(string text, int lines) =>
        string.Join(Environment.NewLine, text.Split(Environment.NewLine).TakeLast(lines).Select(l => "      " + l));
}
