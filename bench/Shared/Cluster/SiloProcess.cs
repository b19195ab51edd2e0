using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace Matching.Bench;

/// <summary>
/// The built standalone silo (src/Silo) run as its own process with <c>dotnet Matching.Silo.dll</c>, configured
/// by environment variables as a deployment would configure it; started when it logs that it is active. It can be
/// killed (<c>kill -9</c>), frozen (SIGSTOP, as a host that hangs) and thawed, or stopped as a service manager does.
/// </summary>
/// <remarks>
/// The silo's path comes from the assembly metadata <c>SiloAssembly</c> of the assembly this file is built into,
/// which its project sets to the silo's output in the same configuration.
/// </remarks>
public sealed class SiloProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan _stopTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly TaskCompletionSource _active = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private SiloProcess(Process process) => _process = process;

    /// <summary>Where the silo was built, next to this assembly's configuration.</summary>
    public static string Assembly { get; } = typeof(SiloProcess).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "SiloAssembly").Value!;

    public int Id => _process.Id;

    /// <summary>Done when the process has exited, for whatever reason (a kill, or a silo that found itself declared dead).</summary>
    public Task Exited => _exited.Task;

    /// <summary>What the silo wrote last, for the message of a failed test or run.</summary>
    public string Log => string.Join(Environment.NewLine, _tail);

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
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Freezes the silo (SIGSTOP): it neither answers nor probes until <see cref="Resume"/>, as a host that hangs.</summary>
    public void Pause() => PosixSignals.Send(_process.Id, PosixSignals.Stop);

    /// <summary>Thaws a paused silo (SIGCONT).</summary>
    public void Resume() => PosixSignals.Send(_process.Id, PosixSignals.Continue);

    /// <summary>Stops the silo as a service manager would (SIGTERM: it leaves the cluster), killed if it hangs.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        // A frozen silo cannot act on SIGTERM; thawing one that runs changes nothing.
        Resume();
        PosixSignals.Send(_process.Id, PosixSignals.Terminate);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(_stopTimeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await KillAsync();
        _process.Dispose();
    }

    private static Process Run(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
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
        _process.Exited += (_, _) =>
        {
            _active.TrySetException(new InvalidOperationException($"The silo exited before it was active:\n{Log}"));
            _exited.TrySetResult();
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        ProcessLogs.Append("silo", _process.Id, line);
        _tail.Enqueue(line);
        while (_tail.Count > TailLines && _tail.TryDequeue(out _))
        {
        }

        // The line the silo logs once its host has started, which happens only after the silo joined.
        if (line.Contains("Silo active", StringComparison.Ordinal))
        {
            _active.TrySetResult();
        }
    }
}
