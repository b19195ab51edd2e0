namespace Matching.Catalog;

/// <summary>
/// What a list route filters on for one entity: its status and tags such as <c>trade:welder</c>.
/// Kept by <see cref="ICatalogGrain"/>; derived from the entity's state, never stored on its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("CatalogEntry")]
public sealed record CatalogEntry(
    [property: Id(0)] string Id,
    [property: Id(1)] string Status,
    [property: Id(2)] string[] Tags);

/// <summary>A filter over one kind's entries: every given tag must be present.</summary>
[GenerateSerializer, Immutable, Alias("CatalogQuery")]
public sealed record CatalogQuery(
    [property: Id(0)] string? Status,
    [property: Id(1)] string[] Tags,
    [property: Id(2)] int Skip,
    [property: Id(3)] int Take);

/// <summary>One page of ids in id order, with the number of entries matching the filter.</summary>
[GenerateSerializer, Immutable, Alias("CatalogPage")]
public sealed record CatalogPage([property: Id(0)] string[] Ids, [property: Id(1)] int Total);

/// <summary>A persisted entity state that can describe itself to the catalog.</summary>
public interface ICatalogued
{
    /// <summary>The entry for the entity with this id, or null when the state holds no entity.</summary>
    CatalogEntry? ToCatalogEntry(string id);
}
