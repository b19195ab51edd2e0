using Matching.Catalog;

namespace Matching.Tests.Support;

public static class CatalogAssert
{
    /// <summary>The page holds exactly these ids, in this order, out of <paramref name="total"/> matching entries.</summary>
    public static void Page(CatalogPage actual, int total, params IEnumerable<string> ids)
    {
        Assert.Equal(ids, actual.Ids);
        Assert.Equal(total, actual.Total);
    }
}
