using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Matching.HubLoad;

/// <summary>
/// The whole product (API, hubs, co-hosted silo, embedded store) on Kestrel at 127.0.0.1, in this process,
/// over a throwaway data folder: the load and the product share the machine, as they would on one box.
/// </summary>
internal sealed class Product : WebApplicationFactory<Program>
{
    public Product()
    {
        // The factory looks for the API's source folder as content root; the bench runs from its own output.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_MATCHING_API", AppContext.BaseDirectory);
        DataPath = Path.Combine(Path.GetTempPath(), "matching-hubload", Guid.NewGuid().ToString("N"));
        UseKestrel(0);
    }

    public string DataPath { get; }

    public Uri Start()
    {
        StartServer();
        return CreateClient().BaseAddress!;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Matching:DataPath", DataPath);
        builder.UseSetting("Matching:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Matching:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the folder is under the temp path anyway.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
