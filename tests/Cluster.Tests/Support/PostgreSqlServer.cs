using System.Diagnostics;
using Matching.Bench;
using Npgsql;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// A PostgreSQL server for the tests: the one <see cref="Variable"/> names, or else a throwaway server started
/// with initdb and pg_ctl on 127.0.0.1 and a free port, in a folder of its own, stopped and deleted at the end.
/// Each test asks for a database of its own.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    /// <summary>A connection string (with rights to create databases) to use instead of a throwaway server.</summary>
    public const string Variable = "Matching__Tests__PostgreSql";

    private readonly List<string> _databases = [];
    private string? _folder;
    private string? _binaries;
    private string _admin = "";

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            _admin = given;
            return;
        }

        _binaries = FindBinaries();
        _folder = Path.Combine(Path.GetTempPath(), $"matching-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(_folder);

        // The server runs as the postgres user when the tests run as root; it creates its data folder in here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_111_111);
        }

        var port = LoopbackPort.Free();
        await RunAsync("initdb", "-D", DataFolder, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");

        // fsync off: the tests kill silos, never this server, and it goes away with the run.
        await RunAsync("pg_ctl", "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60", "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -k {_folder} -c fsync=off -c max_connections=300", "start");
        _admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public async Task DisposeAsync()
    {
        if (_folder is null)
        {
            foreach (var database in _databases)
            {
                await DropAsync(database);
            }

            return;
        }

        try
        {
            await RunAsync("pg_ctl", "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A new empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"matching_{Guid.NewGuid():N}"[..24];
        await ExecuteAsync($"CREATE DATABASE {name}");
        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await DropAsync(name);
        lock (_databases)
        {
            _databases.Remove(name);
        }
    }

    private string DataFolder => Path.Combine(_folder!, "data");

    private Task DropAsync(string name) => ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The newest installed server's programs: Debian's layout first, then the PATH.</summary>
    private static string FindBinaries()
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
            $"No PostgreSQL server programs (initdb, pg_ctl) found: install them (Debian: apt-get install -y postgresql) " +
            $"or set {Variable} to a connection string.");
    }

    /// <summary>Runs a server program, as the postgres user when this process is root (the server refuses root).</summary>
    private async Task RunAsync(string program, params string[] arguments)
    {
        var path = Path.Combine(_binaries!, program);
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
        };
        if (Environment.UserName == "root")
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", "postgres", "--", path, .. arguments])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = path;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await errors}{await output}");
        }
    }
}

/// <summary>One server for every test that needs PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlCollection : ICollectionFixture<PostgreSqlServer>
{
    public const string Name = "postgres";
}
