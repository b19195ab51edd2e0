using System.Diagnostics;
using Matching.Bench;

namespace Matching.History;

/// <summary>
/// The product as a run deploys it — one process, or PostgreSQL with silos and the API as their client — started,
/// stopped with its data kept (a restart over the same data), dealt faults, and removed with its data at the end.
/// </summary>
internal interface IDeployment : IAsyncDisposable
{
    /// <summary>The faults this deployment can be dealt.</summary>
    IReadOnlyList<FaultKind> Kinds { get; }

    /// <summary>The API's process, whose memory a soak samples; null while it is down.</summary>
    int? ApiPid { get; }

    /// <summary>Starts what is not running and waits until the API answers <c>/health/ready</c>.</summary>
    Task StartAsync();

    /// <summary>Stops every process of the product as a service manager would; its data stays for the next start.</summary>
    Task StopAsync();

    /// <summary>Deals one fault and waits until it is over (the process started again, thawed, the database back).</summary>
    Task<Fault> InjectAsync(FaultKind kind, Random random);

    /// <summary>Starts again any process that stopped by itself since (a silo that found itself declared dead); how many.</summary>
    Task<int> RepairAsync();
}

/// <summary>
/// The embedded product (one process with its co-hosted silo and SQLite store) over a data folder that outlives
/// each process; its one fault is <c>kill -9</c> of the whole product, started again at once over the same data and address.
/// </summary>
internal sealed class EmbeddedProduct(string? apiDll, Credentials credentials, string dataPath, Uri address) : IDeployment
{
    private ProductProcess? _product;

    public IReadOnlyList<FaultKind> Kinds { get; } = [FaultKind.ProductKill];

    public int? ApiPid => _product?.Pid;

    public async Task StartAsync()
    {
        _product ??= await ProductProcess.StartAsync(
            apiDll ?? ProductProcess.DefaultApiPath(), [$"--{RunnerSettings.KeyQuota}={RunnerSettings.KeyQuotaValue}"], credentials.ProductEnvironment, dataPath, address);
    }

    public async Task StopAsync()
    {
        if (_product is not null)
        {
            await _product.DisposeAsync();
            _product = null;
        }
    }

    public async Task<Fault> InjectAsync(FaultKind kind, Random random)
    {
        var began = Stopwatch.GetTimestamp();
        await _product!.KillAsync();
        _product = null;
        await StartAsync();
        return new Fault(kind, "the product", began, Stopwatch.GetTimestamp());
    }

    public Task<int> RepairAsync() => Task.FromResult(0);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }
}

/// <summary>Settings every deployment of a run gives the product.</summary>
internal static class RunnerSettings
{
    /// <summary>
    /// Each client of a run writes as one caller (a staff token of its own), a soak tens of thousands of keys each
    /// within minutes: far past the per-caller quota of stored answers that stops a runaway client, so the run lifts it.
    /// </summary>
    public const string KeyQuota = "Matching:Idempotency:MaxLiveKeysPerCaller";

    public const string KeyQuotaValue = "100000000";
}
