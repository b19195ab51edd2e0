using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// The built standalone silo (src/Silo) run as its own process with <c>dotnet Matching.Silo.dll</c>, configured
/// by environment variables as a deployment would configure it; started when it logs that it is active.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(Process process) => _process = process;

    /// <summary>Where the silo was built, next to this test assembly's configuration.</summary>
    public static string Assembly { get; } = typeof(SiloProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SiloAssembly").Value!;

    public int Id => _process.Id;

    /// <summary>What the silo wrote so far, for the message of a failed test.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a silo and waits until it has joined its cluster.</summary>
    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var silo = new SiloProcess(Run(settings));
        silo.Watch();
        try
        {
            await silo._active.Task.WaitAsync(_startTimeout);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }

        return silo;
    }

    /// <summary>Runs the silo program with arguments (e.g. <c>--apply-schema</c>) to its end; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Run(settings, arguments);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(_startTimeout);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>The abrupt end: SIGKILL, as <c>kill -9</c>. No shutdown code runs in the silo.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static Process Run(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The silo did not start.");
    }

    private void Watch()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) => _active.TrySetException(
            new InvalidOperationException($"The silo exited before it was active:\n{Log}"));
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        // The line the silo logs once its host has started, which happens only after the silo joined.
        if (line.Contains("Silo active", StringComparison.Ordinal))
        {
            _active.TrySetResult();
        }
    }
}
