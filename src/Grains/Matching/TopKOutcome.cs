namespace Matching.Scoring;

/// <summary>What an upsert did to a <see cref="TopK{T}"/>.</summary>
public enum TopKOutcome
{
    /// <summary>A new item entered the list, possibly evicting the last one.</summary>
    Added = 0,

    /// <summary>An item already listed was replaced and moved to its new rank (possibly the same).</summary>
    Updated = 1,

    /// <summary>A new item ranked below every listed item of a full list; nothing changed.</summary>
    Rejected = 2,
}
