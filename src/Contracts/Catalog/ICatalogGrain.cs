namespace Matching.Catalog;

/// <summary>
/// The list of one kind of entity (keyed by its state name, e.g. <c>worker</c>) for paging and filters.
/// Derived state: entity grains report every change, and after a restart it is rebuilt by scanning the store.
/// </summary>
[Alias("ICatalogGrain")]
public interface ICatalogGrain : IGrainWithStringKey
{
    /// <summary>Adds or replaces the entry of one entity.</summary>
    [Alias("Upsert")]
    Task UpsertAsync(CatalogEntry entry);

    /// <summary>The ids matching a filter, in id order.</summary>
    [Alias("Query")]
    Task<CatalogPage> QueryAsync(CatalogQuery query);
}
