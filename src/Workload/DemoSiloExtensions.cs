using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Workload;

/// <summary>Registers the demo data set on a silo, for the hosts that read the demo flag.</summary>
public static class DemoSiloExtensions
{
    /// <summary>
    /// Binds <c>Matching:Demo</c> and, when <c>Matching:Demo:Enabled</c> is true, starts the loader that fills
    /// the grains with the demo data set once the silo is up. Without the flag nothing but the options is added.
    /// </summary>
    public static ISiloBuilder AddMatchingDemo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var services = silo.Services;
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.Section));
        if (configuration.GetValue<bool>($"{DemoOptions.Section}:{nameof(DemoOptions.Enabled)}"))
        {
            services.AddSingleton<DemoDataLoader>();
            services.AddHostedService(sp => sp.GetRequiredService<DemoDataLoader>());
        }

        return silo;
    }
}
