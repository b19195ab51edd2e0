using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Api.Tests;

/// <summary>
/// The whole product on real HTTP at 127.0.0.1: Kestrel on a free port, a co-hosted silo on free ports
/// (so parallel factories don't collide on 11111/30000) and the embedded store in its own folder.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public ApiFactory()
        : this(NewDataPath())
    {
    }

    /// <summary>A factory over an existing data folder, to start the product again over what it stored.</summary>
    internal ApiFactory(string dataPath, TimeProvider? time = null)
    {
        DataPath = dataPath;
        Time = time;
        UseKestrel(0);
    }

    public string DataPath { get; }

    /// <summary>The clock the product runs on when a test drives time; the system clock otherwise.</summary>
    public TimeProvider? Time { get; }

    public static string NewDataPath() => Path.Combine(Path.GetTempPath(), "matching-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A client of the running server; starts it on first use.</summary>
    public HttpClient Client()
    {
        StartServer();
        return CreateClient();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Matching:DataPath", DataPath);
        builder.UseSetting("Matching:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Matching:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Time is { } time)
        {
            builder.ConfigureServices(services => services.AddKeyedSingleton(MatchingClock.Key, time));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
