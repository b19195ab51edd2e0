namespace Matching.Lodging;

/// <summary>Bed grain keys: <c>{siteId}~{n}</c>, so a bed's site is known from its id alone.</summary>
public static class BedKey
{
    public const char Separator = '~';

    public static string Of(string siteId, int number) => $"{siteId}{Separator}{number:D4}";

    public static string SiteOf(string bedId) => bedId[..bedId.LastIndexOf(Separator)];
}
