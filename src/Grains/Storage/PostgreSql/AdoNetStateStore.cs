using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Matching.Errors;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The cluster profile's store: Orleans' ADO.NET grain storage over Npgsql, with the project's own table and
/// queries (orleans_storage in schema.sql), plus the scan and ping of <see cref="IStateStore"/> on that same table.
/// </summary>
/// <remarks>
/// <para>
/// The provider names a row by the state name (its "grain type"), the service id and the grain key taken apart:
/// a key that reads as a hexadecimal number is kept as that number (N1), one that reads as a Guid as two numbers
/// (N0, N1), any other as text (the "extension string"). Our ids are text, and some of them read as numbers
/// ("cafe", "CAFE" and "0cafe" would all be the number 0xCAFE, one row for three employers), so a key the provider
/// would take for a number or a Guid is handed over with <see cref="Escape"/> in front, which no id holds. Every
/// row is then a text key, distinct as the ids are, and a scan gives back the ids exactly.
/// </para>
/// <para>
/// The provider's payload is <see cref="StateJsonSerializer"/>'s JSON, the same as the embedded store's; the
/// queries keep it in a <c>json</c> column. Clearing deletes the row (<c>DeleteStateOnClear</c>), as the embedded
/// store does. Database errors reach callers as <see cref="StoreException"/>, which crosses process boundaries.
/// </para>
/// </remarks>
public sealed class AdoNetStateStore : IGrainStorage, IStateStore, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    /// <summary>
    /// Connections one store (one silo) opens at most unless the connection string sets a pool size.
    /// Npgsql's own default, 100 per process, lets two loaded silos exhaust PostgreSQL's default
    /// <c>max_connections</c> of 100; past a few commits per core in flight the database writes no faster,
    /// so further writes wait for a pooled connection instead.
    /// </summary>
    public const int DefaultMaxPoolSize = 20;

    /// <summary>Put before a key the provider would read as a number or a Guid; no entity id contains it.</summary>
    public const char Escape = '~';

    private readonly NpgsqlDataSource _dataSource;
    private readonly AdoNetGrainStorage _provider;
    private readonly string _serviceId;
    private readonly ILogger<AdoNetStateStore> _logger;
    private ServiceProvider? _owned;

    /// <summary>
    /// A store over <paramref name="connectionString"/> for the service <paramref name="serviceId"/>; the provider
    /// finds Orleans' activators and loggers in <paramref name="services"/> (a silo's, or those of <see cref="OpenAsync"/>).
    /// </summary>
    public AdoNetStateStore(IServiceProvider services, string connectionString, string serviceId)
    {
        _dataSource = NpgsqlDataSource.Create(WithPoolLimit(connectionString));
        _serviceId = serviceId;
        _logger = services.GetRequiredService<ILogger<AdoNetStateStore>>();
        var options = new AdoNetGrainStorageOptions
        {
            Invariant = Hosting.ClusteringExtensions.NpgsqlInvariant,
            DataSource = _dataSource,
            GrainStorageSerializer = new StateJsonSerializer(),
            DeleteStateOnClear = true,
        };
        _provider = new AdoNetGrainStorage(
            services.GetRequiredService<IActivatorProvider>(),
            services.GetRequiredService<ILogger<AdoNetGrainStorage>>(),
            Options.Create(options),
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            StorageNames.Main);
    }

    /// <summary>The store of a silo: its database and its <see cref="ClusterOptions.ServiceId"/>.</summary>
    public static AdoNetStateStore Create(IServiceProvider services) => new(
        services,
        services.GetRequiredService<IOptions<PostgreSqlOptions>>().Value.ConnectionString,
        services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId);

    /// <summary>
    /// A started store outside a silo (the copy command, tests, benchmarks): the provider's queries are read
    /// from the database before this returns, as a silo's start would.
    /// </summary>
    public static async Task<AdoNetStateStore> OpenAsync(string connectionString, string serviceId, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection().AddLogging().AddSerializer().BuildServiceProvider();
        var store = new AdoNetStateStore(services, connectionString, serviceId) { _owned = services };
        var lifecycle = new SiloLifecycleSubject(services.GetRequiredService<ILogger<SiloLifecycleSubject>>());
        store.Participate(lifecycle);
        await lifecycle.OnStart(cancellationToken);
        return store;
    }

    /// <summary>The provider reads its queries from <c>OrleansQuery</c> when the silo starts.</summary>
    public void Participate(ISiloLifecycle lifecycle) => _provider.Participate(lifecycle);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guarded("reading", stateName, grainId, () => _provider.ReadStateAsync(stateName, Stored(grainId), grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guarded("writing", stateName, grainId, () => _provider.WriteStateAsync(stateName, Stored(grainId), grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guarded("clearing", stateName, grainId, () => _provider.ClearStateAsync(stateName, Stored(grainId), grainState));

    /// <summary>The provider's rows of one state name in this service, read by the columns it writes; cleared rows are gone.</summary>
    public async IAsyncEnumerable<(string Key, T State)> ScanAsync<T>(
        string stateName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Every row this store writes has a text key (see Escape), so N0 = N1 = 0; the primary key's order serves the scan.
        await using var command = _dataSource.CreateCommand(
            """
            SELECT grain_key, payload::text FROM orleans_storage
            WHERE service_id = $1 AND state_name = $2 AND grain_n0 = 0 AND grain_n1 = 0 AND payload IS NOT NULL
            ORDER BY grain_key
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = _serviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = stateName });
        await foreach (var (key, state) in StoredRows.ScanAsync<T>(command, stateName, _logger, cancellationToken))
        {
            yield return (Unescaped(key), state);
        }
    }

    /// <summary>Answers when the database serves the provider's table (so a missing schema fails readiness too).</summary>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("SELECT 1 FROM orleans_storage LIMIT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        if (_owned is not null)
        {
            await _owned.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _dataSource.Dispose();
        _owned?.Dispose();
    }

    /// <summary>Caps the pool at <see cref="DefaultMaxPoolSize"/> unless the connection string names a pool size.</summary>
    internal static string WithPoolLimit(string connectionString)
    {
        // Npgsql's own builder answers for every keyword, set or not; the plain one knows what was written.
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsPool = written.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .Any(k => k == "maximumpoolsize");
        return setsPool
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;
    }

    /// <summary>The key as the provider is given it: escaped when it would be read as a number or a Guid, or starts with the escape.</summary>
    internal static string Escaped(string key)
    {
        var asGiven = GrainId.Create("key", key);
        var ambiguous = asGiven.TryGetIntegerKey(out _, out _) || asGiven.TryGetGuidKey(out _, out _) || key.StartsWith(Escape);
        return ambiguous ? Escape + key : key;
    }

    internal static string Unescaped(string stored) => stored.StartsWith(Escape) ? stored[1..] : stored;

    private static GrainId Stored(GrainId grainId)
    {
        var key = StoredRows.KeyOf(grainId);
        var escaped = Escaped(key);
        return ReferenceEquals(escaped, key) ? grainId : GrainId.Create(grainId.Type, IdSpan.Create(escaped));
    }

    private async Task Guarded(string doing, string stateName, GrainId grainId, Func<Task> operation)
    {
        try
        {
            await operation();
        }
        catch (DbException ex)
        {
            // The driver's exceptions cannot be carried to a caller in another process; the details stay in this log.
            var key = StoredRows.KeyOf(grainId);
            _logger.LogError(ex, "PostgreSQL failed {Doing} {StateName}/{Key}", doing, stateName, key);
            throw new StoreException($"PostgreSQL failed {doing} {stateName}/{key}: {ex.Message}");
        }
    }
}
