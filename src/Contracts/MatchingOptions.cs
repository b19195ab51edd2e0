using Microsoft.Extensions.Configuration;

namespace Matching;

/// <summary>
/// The application's own settings, bound from the <c>Matching</c> configuration section
/// (not <c>Orleans</c>, which Orleans reads as its own provider configuration).
/// </summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary>
    /// <c>embedded</c> (default: co-hosted silo, local file store) or <c>cluster</c> (silos on PostgreSQL,
    /// the API as their client); the same keys configure every process.
    /// </summary>
    public string Mode { get; set; } = MatchingModes.Embedded;

    /// <summary>Folder of the embedded store; created when missing.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>
    /// Embedded store: answer a write only once it is on the disk (<c>synchronous=FULL</c>, the default), so it
    /// survives a power loss; <c>false</c> answers once the operating system has it (<c>NORMAL</c>), which survives
    /// a crash of the process but not of the machine, for a bulk load that can be run again.
    /// </summary>
    public bool FlushEachCommit { get; set; } = true;

    /// <summary>Silo-to-silo port of this process's silo.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port of this process's silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Cluster mode: the address other silos and clients reach this silo at (an IP or a host name).
    /// Unset: Orleans picks the host's first non-loopback address, which is right in a container.
    /// A loopback address also makes the silo listen on loopback only.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>Cluster mode: the cluster's name in the membership table; silos and clients must agree.</summary>
    public string ClusterId { get; set; } = "matching";

    /// <summary>Cluster mode: the service's name, which keys reminders; stays the same across deployments.</summary>
    public string ServiceId { get; set; } = "matching";

    /// <summary>Cluster mode: how long a client keeps trying to reach a gateway at start before it gives up.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// Events each push channel keeps for clients that reconnect and ask what they missed; a longer gap gets a
    /// snapshot. 256 covers a dropped connection of several seconds on a busy employer and keeps the 500 feeds of
    /// the standard workload near 30 MB instead of 120 MB.
    /// </summary>
    public int FeedBufferSize { get; set; } = 256;

    /// <summary>How long a feed keeps a subscriber that stopped renewing; subscribers renew at a third of it.</summary>
    public int FeedSubscriptionSeconds { get; set; } = 60;

    /// <summary>Trade codes added to the ten built-in ones, code → Chinese label.</summary>
    public Dictionary<string, string> ExtraTrades { get; set; } = [];
}

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
