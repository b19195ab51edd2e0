using Matching.Holds;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Lodging;

/// <summary>The lodging part of a silo's services.</summary>
public static class LodgingServices
{
    /// <summary>Binds <see cref="LodgingOptions"/> and checks them when the silo starts.</summary>
    public static IServiceCollection AddLodging(this IServiceCollection services, IConfiguration configuration) =>
        services.AddHoldTtlOptions<LodgingOptions>(configuration, LodgingOptions.Section, LodgingOptions.Renamed);
}
