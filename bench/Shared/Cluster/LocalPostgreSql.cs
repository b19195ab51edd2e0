using System.Diagnostics;
using System.Globalization;

namespace Matching.Bench;

/// <summary>
/// A throwaway PostgreSQL server on this machine: initdb in a folder of its own under the temporary folder,
/// started with pg_ctl on 127.0.0.1 and a free port, stopped and deleted at the end. It can be stopped and
/// started again on the same port over the same data, as a database restart in production would be.
/// </summary>
/// <remarks>
/// fsync is off: what is tested here is a crash of a process (a silo, the server itself stopped in immediate
/// mode), which the operating system's cache survives; the folder goes away with the run anyway.
/// </remarks>
public sealed class LocalPostgreSql : IAsyncDisposable
{
    private static readonly TimeSpan _programTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binaries;
    private readonly string _folder;
    private readonly int _maxConnections;
    private readonly Lock _gate = new();
    private Task? _disposed;

    private LocalPostgreSql(string binaries, string folder, int port, int maxConnections)
    {
        _binaries = binaries;
        _folder = folder;
        _maxConnections = maxConnections;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The superuser on the <c>postgres</c> database, over TCP (trust authentication: the server listens on loopback only).</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres");

    /// <summary>The server's own log, for a run that went wrong.</summary>
    public string LogPath => Path.Combine(_folder, "server.log");

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A new server, initialised and running.</summary>
    /// <param name="maxConnections">The server's <c>max_connections</c>: every silo's pools together must stay under it.</param>
    public static async Task<LocalPostgreSql> StartAsync(int maxConnections = 300)
    {
        var binaries = FindBinaries();

        // Short: the server's Unix socket lives in here, and a socket path may not be longer than 107 bytes.
        var folder = Path.Combine(Path.GetTempPath(), $"matching-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);

        // The server runs as the postgres user when this process is root; it creates its data folder in here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        var server = new LocalPostgreSql(binaries, folder, LoopbackPort.Free(), maxConnections);
        try
        {
            await server.RunAsync("initdb", "-D", server.DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            await server.StartAgainAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Starts the stopped server on its port over its data (after a crash, it recovers from its log first).</summary>
    public Task StartAgainAsync() =>
        RunAsync("pg_ctl", "-D", DataFolder, "-l", LogPath, "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {_folder} -c fsync=off -c max_connections={_maxConnections}", "start");

    /// <summary>
    /// Stops the server: <c>fast</c> ends every session and checkpoints; <c>immediate</c> ends every process at once
    /// with no checkpoint, so the next start recovers as after a crash.
    /// </summary>
    public Task StopAsync(string mode) => RunAsync("pg_ctl", "-D", DataFolder, "-m", mode, "-w", "-t", "60", "stop");

    /// <summary>Stops the server if it runs and deletes its folder; once, however often it is called.</summary>
    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            return new(_disposed ??= DeleteAsync());
        }
    }

    /// <summary>The newest installed server's programs: Debian's layout (<c>/usr/lib/postgresql/N/bin</c>) first, then the PATH.</summary>
    public static string FindBinaries()
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")));
        return installed ?? onPath ?? throw new InvalidOperationException(
            "No PostgreSQL server programs (initdb, pg_ctl) found: install them (Debian: apt-get install -y postgresql).");
    }

    private async Task DeleteAsync()
    {
        var pidFile = Path.Combine(DataFolder, "postmaster.pid");
        try
        {
            if (File.Exists(pidFile))
            {
                await StopAsync("immediate");
            }
        }
        catch (InvalidOperationException) when (!File.Exists(pidFile))
        {
            // It was stopping already (Ctrl+C reaches the server too, when it shares the terminal).
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Runs a server program, as the postgres user when this process is root (the server refuses root).</summary>
    private async Task RunAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries, program);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        string[] command = Environment.UserName == "root" ? ["runuser", "-u", "postgres", "--", path, .. arguments] : [path, .. arguments];
        start.FileName = command[0];
        foreach (var argument in command[1..])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(_programTimeout);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}
