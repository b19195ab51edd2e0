using Microsoft.Extensions.Configuration;

namespace Matching;

/// <summary>The values of <see cref="MatchingOptions.Mode"/>, and reading the mode before the container exists.</summary>
public static class MatchingModes
{
    public const string Embedded = "embedded";
    public const string Cluster = "cluster";

    /// <summary>Whether the settings ask for cluster mode (unset or blank: embedded); throws on a mode that does not exist.</summary>
    public static bool IsCluster(this MatchingOptions options) => (options.Mode ?? "").Trim().ToLowerInvariant() switch
    {
        "" => false,
        Embedded => false,
        Cluster => true,
        _ => throw new InvalidOperationException(
            $"{MatchingOptions.Section}:{nameof(MatchingOptions.Mode)} is '{options.Mode}'; it must be '{Embedded}' or '{Cluster}'."),
    };

    /// <summary>The application's settings as bound at start: hosting choices are made before the container exists.</summary>
    public static MatchingOptions GetMatchingOptions(this IConfiguration configuration) =>
        configuration.GetSection(MatchingOptions.Section).Get<MatchingOptions>() ?? new MatchingOptions();
}
