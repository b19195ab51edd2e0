namespace Matching;

/// <summary>
/// The application's own settings, bound from the <c>Matching</c> configuration section
/// (not <c>Orleans</c>, which Orleans reads as its own provider configuration).
/// </summary>
public sealed class MatchingOptions
{
    public const string Section = "Matching";

    /// <summary><c>embedded</c> (default: co-hosted silo, local file store) or <c>cluster</c>.</summary>
    public string Mode { get; set; } = "embedded";

    /// <summary>Folder of the embedded store; created when missing.</summary>
    public string DataPath { get; set; } = "./data";

    /// <summary>Silo-to-silo port of the co-hosted silo.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port of the co-hosted silo.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Events each push channel keeps for clients that reconnect and ask what they missed.</summary>
    public int FeedBufferSize { get; set; } = 1024;

    /// <summary>How long a feed keeps a subscriber that stopped renewing; subscribers renew at a third of it.</summary>
    public int FeedSubscriptionSeconds { get; set; } = 60;

    /// <summary>Trade codes added to the ten built-in ones, code → Chinese label.</summary>
    public Dictionary<string, string> ExtraTrades { get; set; } = [];
}
