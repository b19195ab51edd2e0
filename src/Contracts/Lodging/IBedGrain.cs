namespace Matching.Lodging;

/// <summary>One bed of a lodging site: its label and whether it is in service. Its nights are kept by the site (see <c>LodgingSiteGrain</c>).</summary>
[Alias("IBedGrain")]
public interface IBedGrain : IGrainWithStringKey
{
    /// <summary>Registers the bed with its site; repeating it with the same site is harmless.</summary>
    [Alias("Register")]
    Task<BedView> RegisterAsync(string siteId, string label);

    /// <summary>
    /// Takes the bed out of service (repairs) or back in. Called by its site through
    /// <see cref="ILodgingSiteGrain.SetBedInServiceAsync"/>, whose copy of the flag is the one new stays go by.
    /// </summary>
    [Alias("SetInService")]
    Task<BedView> SetInServiceAsync(bool inService);

    /// <summary>The bed; 404 when unknown.</summary>
    [Alias("Get")]
    Task<BedView> GetAsync();
}

/// <summary>A bed as read back.</summary>
[GenerateSerializer, Immutable, Alias("BedView")]
public sealed record BedView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Label,
    [property: Id(3)] bool InService);

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
