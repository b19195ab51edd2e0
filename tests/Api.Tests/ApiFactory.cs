using System.Net.Http.Headers;
using Matching.Bench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Matching.Api.Tests;

/// <summary>
/// The whole product on real HTTP at 127.0.0.1: Kestrel on a free port, a co-hosted silo on free ports
/// (so parallel factories don't collide on 11111/30000) and the embedded store in its own folder.
/// Clients carry a bearer token of the product's own development issuer: an admin's unless a test asks
/// for another caller.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly LogSink? _logs;
    private readonly string _environment;
    private readonly bool _productLogLevels;
    private readonly Action<IServiceCollection>? _services;

    public ApiFactory()
        : this(NewDataPath())
    {
    }

    /// <summary>A factory over an existing data folder, to start the product again over what it stored.</summary>
    // With productLogLevels the sink sees what the product's own log levels let through, as a deployment's log would;
    // services are registered after the product's own (e.g. a grain storage that fails on purpose).
    internal ApiFactory(
        string dataPath,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        LogSink? logs = null,
        string environment = "Development",
        bool productLogLevels = false,
        Action<IServiceCollection>? services = null)
    {
        DataPath = dataPath;
        Time = time ?? TestClock.Instance;
        _settings = settings ?? new Dictionary<string, string?>();
        _logs = logs;
        _environment = environment;
        _productLogLevels = productLogLevels;
        _services = services;
        UseKestrel(0);
    }

    /// <summary>A product of its own with settings of the test's (e.g. low rate limits).</summary>
    internal ApiFactory(IReadOnlyDictionary<string, string?> settings)
        : this(NewDataPath(), settings: settings)
    {
    }

    public string DataPath { get; }

    /// <summary>The domain clock the product runs on: the test's own when it drives time, else <see cref="TestClock"/>.</summary>
    public TimeProvider Time { get; }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));

    /// <summary>An admin's client of the running server; starts it on first use.</summary>
    public HttpClient Client() => Client(Caller.Admin);

    /// <summary>A client signed in as <paramref name="caller"/>.</summary>
    public HttpClient Client(Caller caller)
    {
        var client = AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(caller));
        return client;
    }

    /// <summary>A client without a token.</summary>
    public HttpClient AnonymousClient()
    {
        StartServer();
        return CreateClient();
    }

    /// <summary>A token for the caller from the product's development issuer, as <c>POST /api/dev/tokens</c> gives.</summary>
    public string Token(Caller caller)
    {
        StartServer();
        return Tokens.Issue(Services, caller);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Matching:DataPath", DataPath);
        builder.UseSetting("Matching:SiloPort", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Matching:GatewayPort", LoopbackPort.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddKeyedSingleton(MatchingClock.Key, Time));
        if (_services is { } more)
        {
            builder.ConfigureTestServices(more);
        }

        if (_logs is { } logs)
        {
            // Everything from Debug up reaches the test's sink, whatever the product's own log levels say, unless
            // the test reads the log as a deployment would.
            builder.ConfigureLogging(l =>
            {
                l.AddProvider(logs);
                if (!_productLogLevels)
                {
                    l.AddFilter<LogSink>(null, LogLevel.Debug);
                }
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}

/// <summary>
/// A product of its own for the matching tests: other tests register hundreds of identical sample workers,
/// which would crowd any order's top-K and make ranks depend on which tests ran first.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MatchingCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "matching";
}

/// <summary>
/// A product of its own for the bulk registration tests: they register many sample workers at once and count
/// workers by origin, which other tests' workers would disturb (and theirs the other tests' candidate lists).
/// </summary>
[CollectionDefinition(Name)]
public sealed class BatchCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "batch";
}
