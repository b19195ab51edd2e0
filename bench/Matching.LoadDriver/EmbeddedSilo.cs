using Matching.Bench;
using Matching.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.LoadDriver;

/// <summary>
/// The embedded mode in this process: one silo on loopback ports nobody else holds, over a fresh store in a
/// temporary folder that is deleted again, so runs never see each other's data.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string _dataPath;

    private EmbeddedSilo(IHost host, string dataPath)
    {
        _host = host;
        _dataPath = dataPath;
    }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static async Task<EmbeddedSilo> StartAsync()
    {
        var dataPath = Path.Combine(Path.GetTempPath(), $"matching-load-{Guid.NewGuid():N}");
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration[$"{MatchingOptions.Section}:{nameof(MatchingOptions.DataPath)}"] = dataPath;

        // The driver prints its own report; the silo's information lines would bury it.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(LoopbackPort.Free(), LoopbackPort.Free())
            .AddMatching(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedSilo(host, dataPath);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();

        // SQLite's pooled connections keep the file open until cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataPath))
        {
            Directory.Delete(_dataPath, recursive: true);
        }
    }
}
