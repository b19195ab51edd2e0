namespace Matching.Lodging;

/// <summary>One bed of a lodging site: its label and whether it is in service. Its nights are kept by the site (see <see cref="LodgingSiteGrain"/>).</summary>
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
