using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;

namespace Matching.Bench;

/// <summary>
/// The product as a deployment runs it: its own process (<c>dotnet Matching.Api.dll</c>, Production environment, the
/// embedded mode with its co-hosted silo, or with <c>Matching:Mode=cluster</c> a client of silos elsewhere) on
/// 127.0.0.1 ports nobody else holds, over a fresh data folder that is deleted when the product has stopped. The bench's clients stay in the bench's process, so the CPU time
/// of each side can be read apart. A run that restarts the product (after a <see cref="KillAsync"/>) passes its
/// own data folder and address, which outlive each process.
/// </summary>
internal sealed class ProductProcess : IAsyncDisposable
{
    private const int TailLines = 40;
    private static readonly TimeSpan _readyTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _dataPath;
    private readonly bool _ownsData;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly StopOnExit _guard;
    private readonly Lock _gate = new();
    private Task? _stop;

    private ProductProcess(Process process, string dataPath, bool ownsData, Uri address)
    {
        _process = process;
        _dataPath = dataPath;
        _ownsData = ownsData;
        Address = address;

        // If the bench is interrupted (Ctrl+C, SIGTERM) the product must not outlive it, nor its folder remain.
        _guard = new StopOnExit(() => DisposeAsync().AsTask(), _stopTimeout * 2);
    }

    public Uri Address { get; }

    public int Pid => _process.Id;

    /// <summary>What the product printed last (warnings and errors only), for a run that went wrong.</summary>
    public string Tail => string.Join(Environment.NewLine, _tail);

    /// <summary>The product's built <c>Matching.Api.dll</c> this bench was built against (same configuration).</summary>
    public static string DefaultApiPath() =>
        typeof(ProductProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "ProductApi")?.Value
        ?? throw new InvalidOperationException("The bench was built without the product's path; pass --api path/Matching.Api.dll.");

    /// <summary>
    /// Starts the product with <paramref name="settings"/> as command-line configuration and
    /// <paramref name="environment"/> (secrets such as the signing key stay off the command line, which any
    /// user of the machine can read), and waits until <c>/health/ready</c> answers.
    /// </summary>
    /// <param name="apiDll">The product's built <c>Matching.Api.dll</c>.</param>
    /// <param name="settings">Configuration given on the command line, e.g. <c>--Matching:Index:TopK=20</c>.</param>
    /// <param name="environment">Environment variables of the product (its secrets).</param>
    /// <param name="dataPath">A data folder the caller keeps (and deletes); by default a fresh one deleted at the stop.</param>
    /// <param name="address">The address to listen on; by default a free loopback port.</param>
    public static async Task<ProductProcess> StartAsync(
        string apiDll,
        IEnumerable<string> settings,
        IReadOnlyDictionary<string, string> environment,
        string? dataPath = null,
        Uri? address = null)
    {
        if (!File.Exists(apiDll))
        {
            throw new FileNotFoundException($"The product is not built: {apiDll} (dotnet build -c Release src/Api, or pass --api).", apiDll);
        }

        var ownsData = dataPath is null;
        dataPath ??= Path.Combine(Path.GetTempPath(), $"matching-bench-{Guid.NewGuid():N}");
        address ??= new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            // The content root is the working directory: appsettings.json sits next to Matching.Api.dll in its build output.
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(apiDll))!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments =
        [
            Path.GetFullPath(apiDll),
            "--urls", address.ToString().TrimEnd('/'),
            $"--Matching:DataPath={dataPath}",
            $"--Matching:SiloPort={LoopbackPort.Free()}",
            $"--Matching:GatewayPort={LoopbackPort.Free()}",
            "--Logging:LogLevel:Default=Warning",
            .. settings,
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A published build runs as Production; the Development settings (development tokens among them) stay out.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The product did not start.");
        var product = new ProductProcess(process, dataPath, ownsData, address);
        process.OutputDataReceived += (_, e) => product.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => product.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await product.WaitReadyAsync();
        }
        catch
        {
            await product.DisposeAsync();
            throw;
        }

        return product;
    }

    /// <summary>Stops the product as a service manager would (SIGTERM, then a kill if it hangs) and deletes its data.</summary>
    /// <remarks>Once only: a stop begun by an interrupt and the one at the end of the run are the same.</remarks>
    public ValueTask DisposeAsync() => new(Stop(kill: false));

    /// <summary>Ends the product at once, as a power cut or <c>kill -9</c> would: no shutdown of any kind.</summary>
    public Task KillAsync() => Stop(kill: true);

    private Task Stop(bool kill)
    {
        lock (_gate)
        {
            return _stop ??= StopAsync(kill);
        }
    }

    private async Task StopAsync(bool kill)
    {
        if (kill && !_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        if (!_process.HasExited)
        {
            _ = PosixSignals.Send(_process.Id, PosixSignals.Terminate);
            using var timeout = new CancellationTokenSource(_stopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        if (_ownsData)
        {
            DeleteData();
        }

        _guard.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The product exited with code {_process.ExitCode} before it was ready:{Environment.NewLine}{Tail}");
            }

            try
            {
                using var answer = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (answer.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > _readyTimeout)
            {
                throw new TimeoutException($"The product was not ready within {_readyTimeout.TotalSeconds:F0} s:{Environment.NewLine}{Tail}");
            }

            await Task.Delay(200);
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        ProcessLogs.Append("api", _process.Id, line);
        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }
    }

    private void DeleteData()
    {
        // The product has exited, so nothing holds its SQLite files open any more.
        try
        {
            if (Directory.Exists(_dataPath))
            {
                Directory.Delete(_dataPath, recursive: true);
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"The product's data folder {_dataPath} could not be deleted: {ex.Message}");
        }
    }
}
