namespace Matching.Feeds;

/// <summary>Names of push channels: one feed grain each.</summary>
public static class FeedChannels
{
    /// <summary>Everything an employer's recruiters see: candidates, holds, hires of its own job orders.</summary>
    public static string Employer(string employerId) => $"employer:{employerId}";

    /// <summary>A lodging site's bed counts.</summary>
    public static string Site(string siteId) => $"site:{siteId}";

    /// <summary>A fair's big screen.</summary>
    public static string Fair(string fairId) => $"fair:{fairId}";
}
