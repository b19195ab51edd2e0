using Matching.Catalog;

namespace Matching.Lodging;

[GenerateSerializer, Alias("LodgingSiteState")]
public sealed class LodgingSiteState : EntityState<LodgingSiteProfile>, ICatalogued
{
    [Id(0)] public List<BedInfo> Beds { get; set; } = [];

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, "open", [$"district:{p.District}"]);
}
