using Matching.Hosting;
using Matching.Workload;

namespace Matching.Api.Hosting;

/// <summary>
/// The embedded default's silo: grains, local store and demo loader in the API's own process, on localhost
/// clustering. The one place the API names grain code (<c>Matching.Grains</c>) and the demo (<c>Matching.Workload</c>);
/// everything else in the API is written against the contracts, as in cluster mode it must be
/// (<c>ApiAssemblyTests</c> holds it to that).
/// </summary>
public static class EmbeddedSilo
{
    public static void Add(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo => silo
            .UseMatchingClustering(configuration)
            .AddMatching(configuration)
            .AddMatchingDemo(configuration)
            .AddMatchingDashboard(configuration));
    }
}
