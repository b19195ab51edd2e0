using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Matching.Bench;
using Matching.Employers;
using Matching.JobOrders;
using Matching.Workers;
using Matching.Workload;

namespace Matching.History;

/// <summary>The size and shape of a run, from <c>--name value</c> options.</summary>
/// <remarks>
/// With <c>--minutes</c> the run is a soak: it lasts that long instead of to an operation count, spreads its kills
/// (none unless asked) over the time, paces its writes to <c>--rate</c> per second and samples the product's memory
/// every minute; its registrations stop once <c>--workers</c> are registered, so the data set stops growing and
/// what memory does afterwards is the product's own. With <c>--cluster</c> the product runs as its cluster profile
/// (<see cref="ClusterProduct"/>) and <c>--kills</c> kills silos, beside <c>--pauses</c> and <c>--pg-restarts</c>.
/// </remarks>
internal sealed record RunOptions(
    int Operations, int Kills, int Clients, int Screens, int Seed, string? Api, int Minutes, int Rate, int Workers,
    bool Cluster, int Silos, int Pauses, int DatabaseRestarts)
{
    public const string Usage = """
        Matching.History: a randomized history against the running product with faults, then a checker.

          --operations N    writes in all (100000; 20000 with --cluster)
          --clients N       clients at once (16)
          --screens N       recruiter screens on the SignalR hub through the run (8)
          --seed N          the draw (1)
          --kills N         embedded: kill -9 of the product (20); cluster: kill -9 of a silo (10)
          --api PATH        the product's Matching.Api.dll (the one this runner was built against)
          --minutes N       a soak of N minutes instead of an operation count; --rate N writes/s (0: unpaced),
                            --workers N registered at most (3000)
          --cluster         the cluster profile: a PostgreSQL server of the run's own (initdb, pg_ctl on
                            127.0.0.1), silo processes (src/Silo), the API as their client
          --silos N         cluster: how many silos (2)
          --pauses N        cluster: a silo frozen with SIGSTOP for 2-4 s, then SIGCONT (5)
          --pg-restarts N   cluster: PostgreSQL stopped (-m fast, then -m immediate, in turn) and started again (3)

        The faults are dealt one at a time at even points of the run, in a seeded random order. Exits non-zero
        on any violation. See RELIABILITY.md.
        """;

    public bool IsSoak => Minutes > 0;

    /// <summary>How many faults of each kind the run deals.</summary>
    public IReadOnlyDictionary<FaultKind, int> Faults => Cluster
        ? new Dictionary<FaultKind, int> { [FaultKind.SiloKill] = Kills, [FaultKind.SiloPause] = Pauses, [FaultKind.DatabaseRestart] = DatabaseRestarts }
        : new Dictionary<FaultKind, int> { [FaultKind.ProductKill] = Kills };

    public static RunOptions Parse(string[] args)
    {
        var a = Arguments.Parse(args);
        var minutes = a.Int("minutes", 0);
        var cluster = a.Flag("cluster");
        var operations = a.Int("operations", cluster ? 20_000 : 100_000);
        int FaultCount(string name, int normally) => a.Int(name, minutes > 0 ? 0 : normally);
        return new RunOptions(
            operations, FaultCount("kills", cluster ? 10 : 20), a.Int("clients", 16), a.Int("screens", 8), a.Int("seed", 1),
            a.Text("api", "") is { Length: > 0 } api ? api : null,
            minutes, a.Int("rate", 0), a.Int("workers", minutes > 0 ? 3_000 : 300 + (operations / 10) + 10),
            cluster, a.Int("silos", 2), cluster ? FaultCount("pauses", 5) : 0, cluster ? FaultCount("pg-restarts", 3) : 0);
    }
}

/// <summary>
/// What the run knows of the product's entities, from the answers it got: the checker reads the truth back from
/// the product, this only steers the mix (whom to hold, which hold to confirm, which stay to check in).
/// </summary>
internal sealed class Known
{
    public ConcurrentDictionary<string, WorkerProfile> Workers { get; } = new();
    /// <summary>Every order the run made, closed ones too (the checker reads them all).</summary>
    public ConcurrentDictionary<string, JobOrderProfile> Orders { get; } = new();

    /// <summary>The orders still open, which the clients draw from.</summary>
    public ConcurrentDictionary<string, byte> Open { get; } = new();
    public ConcurrentDictionary<string, string> Holds { get; } = new();
    public ConcurrentDictionary<string, string> Hired { get; } = new();
    public ConcurrentDictionary<string, string> Stays { get; } = new();
    public ConcurrentBag<string> Reservations { get; } = [];
    public List<string> Sites { get; } = [];
    public string FairId { get; set; } = "";

    public static T Pick<T>(IReadOnlyList<T> items, Random random) => items[random.Next(items.Count)];
}

/// <summary>
/// Many clients at once, each drawing its next request from a fixed mix — registrations, changes, withdrawals,
/// holds of ranked candidates, confirmations, releases, stays through their life, fair check-ins, order changes —
/// while the deployment is dealt faults now and then: the product killed with <c>kill -9</c> and restarted over the
/// same data, or in the cluster profile a silo killed or frozen, or PostgreSQL restarted.
/// </summary>
internal sealed class HistoryRun(RunOptions options, Credentials credentials, IDeployment deployment, Uri address)
{
    // Short holds (the product's least time to live), so deadlines pass within the run.
    private const int MinTtl = 30;
    private const int MaxTtl = 60;
    private const int MinStayTtl = 60;

    private const int FirstWorkers = 300;

    private readonly Known _known = new();
    private readonly WorkloadGenerator _generator = new(new WorkloadOptions
    {
        Seed = options.Seed,
        Employers = 12,
        JobOrders = 60,
        Workers = Math.Max(FirstWorkers, options.Workers),
        LodgingSites = 2,
        Beds = 30,
        MinBedsPerSite = 10,
        MaxBedsPerSite = 20,
        Today = Today,
    });

    private Pace _pace = new(0);
    private readonly Stopwatch _elapsed = new();
    private List<WorkerProfile>? _workers;
    private int _issued;
    private int _registered;
    private int _replaced;
    private bool _faultsOver;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    public RecordedHistory History { get; } = new(address, [.. Enumerable.Range(1, options.Clients).Select(credentials.Staff)]);

    public Known Known => _known;

    public ConcurrentQueue<string> Violations { get; } = new();

    public List<Screen> Screens { get; } = [];

    public IDeployment Deployment => deployment;

    public FaultPlan Faults { get; } = new(options.Faults, options.Seed);

    public MemorySamples Memory { get; } = new();

    public int Issued => Volatile.Read(ref _issued);

    /// <summary>
    /// Whether the clients are done: the soak's time is up, or the operation count is sent; and every fault has been
    /// dealt and is over, so a run always has the faults it asked for and ends with the product whole.
    /// </summary>
    private bool Finished =>
        (options.IsSoak ? _elapsed.Elapsed >= TimeSpan.FromMinutes(options.Minutes) : Issued >= options.Operations)
        && Volatile.Read(ref _faultsOver);

    /// <summary>How far the run is, from 0 to 1, by time in a soak and by writes otherwise: the kills are spread over it.</summary>
    private double Progress => options.IsSoak ? _elapsed.Elapsed / TimeSpan.FromMinutes(options.Minutes) : Issued / (double)options.Operations;

    public Task StartProductAsync() => deployment.StartAsync();

    public Task StopProductAsync() => deployment.StopAsync();

    public async Task SetUpAsync()
    {
        var employers = _generator.Employers();
        foreach (var employer in employers)
        {
            await MustAsync(HttpMethod.Post, "/api/employers", employer);
        }

        foreach (var order in _generator.JobOrders())
        {
            // Small headcounts, so slots run out and holds contend.
            var small = order with { Headcount = 1 + (Math.Abs(order.Id!.GetHashCode(StringComparison.Ordinal)) % 4) };
            await MustAsync(HttpMethod.Post, "/api/job-orders", small);
            _known.Orders[small.Id!] = small;
            _known.Open[small.Id!] = 0;
        }

        foreach (var site in _generator.LodgingSites())
        {
            await MustAsync(HttpMethod.Post, "/api/lodging/sites", site.Profile);
            await MustAsync(HttpMethod.Post, $"/api/lodging/sites/{site.Profile.Id}/beds", new { count = site.Beds });
            _known.Sites.Add(site.Profile.Id!);
        }

        var fair = _generator.Fair();
        await MustAsync(HttpMethod.Post, "/api/fairs", fair);
        _known.FairId = fair.Id!;

        // The first workers as the clients would register them, several at once (one after another, in the cluster
        // profile each a write to PostgreSQL and its events, the set-up took longer than the smoke run's history).
        _workers = [.. _generator.Workers()];
        await Parallel.ForEachAsync(_workers.Take(FirstWorkers), new ParallelOptions { MaxDegreeOfParallelism = options.Clients }, async (worker, _) =>
        {
            await MustAsync(HttpMethod.Post, "/api/workers", worker);
            _known.Workers[worker.Id!] = worker;
        });

        foreach (var employer in employers.Take(options.Screens))
        {
            Screens.Add(await Screen.ConnectAsync(address, credentials.Recruiter(employer.Id!, Screens.Count), employer.Id!, Violations));
        }
    }

    /// <summary>Runs the clients to the operation count while a fault task deals the planned faults, one at a time.</summary>
    public async Task RunAsync()
    {
        _elapsed.Start();
        _pace = new Pace(options.Rate);
        using var done = new CancellationTokenSource();
        var faults = Task.Run(async () =>
        {
            try
            {
                await Faults.RunAsync(deployment, () => Progress, options.Seed);
            }
            finally
            {
                // Also when a fault could not be dealt (a silo that did not start again): the clients stop, the run fails.
                Volatile.Write(ref _faultsOver, true);
            }
        });
        var memory = options.IsSoak ? Memory.RunAsync(() => deployment.ApiPid, () => Issued, done.Token) : Task.CompletedTask;

        var progress = Task.Run(async () =>
        {
            var started = Stopwatch.StartNew();
            while (!done.IsCancellationRequested)
            {
                await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(30), done.Token));
                Console.WriteLine(FormattableString.Invariant(
                    $"  {started.Elapsed.TotalSeconds,5:F0} s: {Issued,8:N0} operations, {Faults.Done.Count} of {Faults.Planned} faults, load average {ProcFs.LoadAverage()}"));
            }
        });

        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(c => Task.Run(() => ClientAsync(c, new Random((options.Seed * 1000) + c)))));
        await done.CancelAsync();
        await faults;
        await progress;
        await memory;
    }

    private async Task ClientAsync(int client, Random random)
    {
        // The count is of writes sent: a draw that finds nothing to act on (no hold to confirm yet) sends none.
        while (!Finished)
        {
            await _pace.WaitTurnAsync(CancellationToken.None);
            var operation = await NextAsync(client, random);
            if (operation is not null)
            {
                Interlocked.Increment(ref _issued);
            }
            else
            {
                _pace.Refund();
            }

            // Now and then a client sends a write again with its key after it was answered, as one does after a
            // timeout it could not tell from a loss: it must get the first answer back and change nothing.
            if (operation is { Final: not null } && random.Next(20) == 0)
            {
                await History.ResendAsync(operation);
            }
        }
    }

    private async Task<Operation?> NextAsync(int client, Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 8 => await RegisterAsync(client),
            < 12 => await UpdateWorkerAsync(client, random),
            < 14 => await WithdrawAsync(client, random),
            < 44 => await HoldAsync(client, random),
            < 58 => await ConfirmAsync(client, random),
            < 66 => await ReleaseAsync(client, random),
            < 76 => await ReserveAsync(client, random),
            < 86 => await StayStepAsync(client, random),
            < 96 => await CheckInAtFairAsync(client, random),
            _ => await ChangeOrderAsync(client, random),
        };
    }

    private async Task<Operation?> RegisterAsync(int client)
    {
        var next = FirstWorkers + Interlocked.Increment(ref _registered) - 1;
        if (next >= _workers!.Count)
        {
            return null;
        }

        var worker = _workers[next];
        var op = await History.WriteAsync(client, "register", HttpMethod.Post, "/api/workers", worker);
        if (op.Succeeded)
        {
            _known.Workers[worker.Id!] = worker;
        }

        return op;
    }

    private async Task<Operation?> UpdateWorkerAsync(int client, Random random)
    {
        if (RandomWorker(random) is not { } id)
        {
            return null;
        }

        var changed = _known.Workers[id] with { MinWage = 4000 + (random.Next(20) * 100) };
        var op = await History.WriteAsync(client, "update-worker", HttpMethod.Put, $"/api/workers/{id}", changed);
        if (op.Succeeded)
        {
            _known.Workers[id] = changed;
        }

        return op;
    }

    private async Task<Operation?> WithdrawAsync(int client, Random random) =>
        RandomWorker(random) is { } id ? await History.WriteAsync(client, "withdraw", HttpMethod.Post, $"/api/workers/{id}/withdraw") : null;

    private async Task<Operation?> HoldAsync(int client, Random random)
    {
        var order = Known.Pick([.. _known.Open.Keys], random);
        var page = await History.ReadAsync($"/api/job-orders/{order}/candidates?skip=0&take=10", client);
        var candidates = page?["items"]?.AsArray().Select(c => c!["workerId"]!.GetValue<string>()).ToList() ?? [];
        if (candidates.Count == 0)
        {
            return null;
        }

        var worker = Known.Pick(candidates, random);
        var op = await History.WriteAsync(client, "hold", HttpMethod.Post, $"/api/job-orders/{order}/holds",
            new { workerId = worker, ttlSeconds = random.Next(MinTtl, MaxTtl + 1) });
        if (op.Succeeded && op.Final!.Json?["holdId"]?.GetValue<string>() is { } holdId)
        {
            _known.Holds[holdId] = worker;
        }

        return op;
    }

    private async Task<Operation?> ConfirmAsync(int client, Random random)
    {
        if (RandomKey(_known.Holds, random) is not { } holdId)
        {
            return null;
        }

        var op = await History.WriteAsync(client, "confirm", HttpMethod.Post, $"/api/holds/{holdId}/confirm");
        if (op.Final is not null && _known.Holds.TryRemove(holdId, out var worker) && op.Succeeded)
        {
            _known.Hired[worker] = holdId;
        }

        return op;
    }

    private async Task<Operation?> ReleaseAsync(int client, Random random)
    {
        if (RandomKey(_known.Holds, random) is not { } holdId)
        {
            return null;
        }

        var op = await History.WriteAsync(client, "release", HttpMethod.Delete, $"/api/holds/{holdId}");
        _known.Holds.TryRemove(holdId, out _);
        return op;
    }

    /// <summary>A bed for a worker a key enterprise holds or hired (the others are refused, which is part of the mix).</summary>
    private async Task<Operation?> ReserveAsync(int client, Random random)
    {
        var pool = random.Next(2) == 0 ? [.. _known.Hired.Keys] : _known.Holds.Values.ToList();
        if (pool.Count == 0)
        {
            return null;
        }

        var worker = Known.Pick(pool, random);
        var from = Today;
        var op = await History.WriteAsync(client, "reserve", HttpMethod.Post, "/api/lodging/reservations", new
        {
            workerId = worker,
            siteId = Known.Pick(_known.Sites, random),
            from = from.ToString("yyyy-MM-dd"),
            to = from.AddDays(1 + random.Next(5)).ToString("yyyy-MM-dd"),
            ttlSeconds = random.Next(MinStayTtl, MinStayTtl + 31),

            // Staff may admit a worker the employer list does not, on a signed credit commitment (信用承诺).
            creditCommitment = random.Next(2) == 0 ? new { signedBy = "县人社局驻沪工作站" } : null,
        });
        if (op.Succeeded && op.Final!.Json?["reservationId"]?.GetValue<string>() is { } id)
        {
            _known.Stays[id] = "held";
            _known.Reservations.Add(id);
        }

        return op;
    }

    private async Task<Operation?> StayStepAsync(int client, Random random)
    {
        // Another client may have ended the stay since it was drawn.
        if (RandomKey(_known.Stays, random) is not { } id || !_known.Stays.TryGetValue(id, out var stage))
        {
            return null;
        }

        var (kind, method, path, next) = (stage, random.Next(4)) switch
        {
            ("held", 0) => ("stay-cancel", HttpMethod.Delete, $"/api/lodging/reservations/{id}", (string?)null),
            ("held", 1) => ("stay-confirm", HttpMethod.Post, $"/api/lodging/reservations/{id}/confirm", "confirmed"),
            ("held" or "confirmed", _) => ("stay-check-in", HttpMethod.Post, $"/api/lodging/reservations/{id}/check-in", "occupied"),
            _ => ("stay-check-out", HttpMethod.Post, $"/api/lodging/reservations/{id}/check-out", null),
        };
        var op = await History.WriteAsync(client, kind, method, path);
        if (op.Final is not null)
        {
            if (op.Succeeded && next is not null)
            {
                _known.Stays[id] = next;
            }
            else
            {
                _known.Stays.TryRemove(id, out _);
            }
        }

        return op;
    }

    private async Task<Operation?> CheckInAtFairAsync(int client, Random random) =>
        RandomWorker(random) is { } id
            ? await History.WriteAsync(client, "fair-check-in", HttpMethod.Post, $"/api/fairs/{_known.FairId}/check-ins", new { workerId = id })
            : null;

    /// <summary>A recruiter changes an order's wage or headcount: the order is ranked anew; a headcount below what is taken is refused.</summary>
    private async Task<Operation?> ChangeOrderAsync(int client, Random random)
    {
        var id = Known.Pick([.. _known.Open.Keys], random);
        var profile = _known.Orders[id];
        var changed = random.Next(2) == 0
            ? profile with { Headcount = Math.Max(1, profile.Headcount + random.Next(-1, 2)) }
            : profile with { WageMax = profile.WageMax + (random.Next(-2, 3) * 100) };
        var op = await History.WriteAsync(client, "update-order", HttpMethod.Put, $"/api/job-orders/{id}", changed);
        if (op.Succeeded)
        {
            _known.Orders[id] = changed;
        }
        else if (options.IsSoak && op.Final is { Status: 409 } refused && refused.Body.Contains("\"not-open\"", StringComparison.Ordinal))
        {
            await ReplaceOrderAsync(client, id);
        }

        return op;
    }

    /// <summary>
    /// In a soak, a filled order is closed and the employer opens a new one like it, as recruiters do; otherwise
    /// every order fills within minutes and the rest of the soak would be refusals.
    /// </summary>
    private async Task ReplaceOrderAsync(int client, string id)
    {
        if (!_known.Open.TryRemove(id, out _))
        {
            return;
        }

        await History.WriteAsync(client, "close-order", HttpMethod.Post, $"/api/job-orders/{id}/close");
        var next = _known.Orders[id] with { Id = FormattableString.Invariant($"job-r{Interlocked.Increment(ref _replaced):D6}") };
        var op = await History.WriteAsync(client, "open-order", HttpMethod.Post, "/api/job-orders", next);
        if (op.Succeeded)
        {
            _known.Orders[next.Id!] = next;
            _known.Open[next.Id!] = 0;
        }
    }

    private string? RandomWorker(Random random) => RandomKey(_known.Workers, random);

    private static string? RandomKey<T>(ConcurrentDictionary<string, T> items, Random random)
    {
        var keys = items.Keys;
        return keys.Count == 0 ? null : keys.ElementAt(random.Next(keys.Count));
    }

    private async Task MustAsync(HttpMethod method, string path, object body)
    {
        var op = await History.WriteAsync(0, "setup", method, path, body);
        if (!op.Succeeded)
        {
            throw new InvalidOperationException($"{method} {path} answered {op.Final?.Status}: {op.Final?.Body}");
        }
    }
}
