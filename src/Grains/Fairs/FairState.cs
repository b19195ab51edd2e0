using Matching.Catalog;

namespace Matching.Fairs;

[GenerateSerializer, Alias("FairState")]
public sealed class FairState : EntityState<FairProfile>, ICatalogued
{
    [Id(0)] public FairStatus Status { get; set; }
    [Id(1)] public int CheckIns { get; set; }

    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, Status == FairStatus.Closed ? "closed" : "scheduled", [$"district:{p.District}", $"date:{p.Date:yyyy-MM-dd}"]);
}
