using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Matching.Scoring;

public static class ScoringServiceCollectionExtensions
{
    /// <summary>Binds <see cref="ScoringOptions"/> from <c>Matching:Scoring</c> and validates them at start.</summary>
    public static IServiceCollection AddScoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScoringOptions>()
            .Bind(configuration.GetSection(ScoringOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScoringOptions>, ScoringOptionsValidator>());
        return services;
    }
}
