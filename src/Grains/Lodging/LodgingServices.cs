using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Matching.Lodging;

/// <summary>The lodging part of a silo's services.</summary>
public static class LodgingServices
{
    /// <summary>Binds <see cref="LodgingOptions"/> and checks them when the silo starts.</summary>
    public static IServiceCollection AddLodging(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IValidateOptions<LodgingOptions>, LodgingOptionsValidator>();
        services.AddOptions<LodgingOptions>().Bind(configuration.GetSection(LodgingOptions.Section)).ValidateOnStart();
        return services;
    }

    private sealed class LodgingOptionsValidator : IValidateOptions<LodgingOptions>
    {
        public ValidateOptionsResult Validate(string? name, LodgingOptions options) =>
            options.Problems() is { Count: > 0 } problems
                ? ValidateOptionsResult.Fail(problems.Select(p => $"{LodgingOptions.Section}: {p}"))
                : ValidateOptionsResult.Success;
    }
}
