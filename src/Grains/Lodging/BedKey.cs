namespace Matching.Lodging;

/// <summary>Bed grain keys: <c>{siteId}~{n}</c>, so a bed's site is known from its id alone.</summary>
public static class BedKey
{
    public const char Separator = '~';

    public static string Of(string siteId, int number) => $"{siteId}{Separator}{number:D4}";

    public static string SiteOf(string bedId) => bedId[..bedId.LastIndexOf(Separator)];

    /// <summary>The site of a bed id from a caller, or null when the id cannot name a bed (the caller answers 404).</summary>
    public static string? SiteOrNull(string bedId) =>
        bedId.LastIndexOf(Separator) is > 0 and var at && Validation.FieldErrors.IsValidId(bedId[..at]) ? bedId[..at] : null;
}
