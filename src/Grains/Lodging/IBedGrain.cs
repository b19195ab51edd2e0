namespace Matching.Lodging;

/// <summary>One bed of a lodging site: its label, whether it is in service, and (with reservations) its nights.</summary>
[Alias("IBedGrain")]
public interface IBedGrain : IGrainWithStringKey
{
    /// <summary>Registers the bed with its site; repeating it with the same site is harmless.</summary>
    [Alias("Register")]
    Task<BedView> RegisterAsync(string siteId, string label);

    /// <summary>Takes the bed out of service (repairs) or back in; out-of-service beds are not given out.</summary>
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
