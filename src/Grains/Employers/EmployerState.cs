using Matching.Catalog;

namespace Matching.Employers;

[GenerateSerializer, Alias("EmployerState")]
public sealed class EmployerState : EntityState<EmployerProfile>, ICatalogued
{
    public CatalogEntry? ToCatalogEntry(string id) => Profile is not { } p
        ? null
        : new CatalogEntry(id, p.CreditStanding, [$"district:{p.District}", $"key:{(p.IsKeyEnterprise ? "yes" : "no")}"]);
}
