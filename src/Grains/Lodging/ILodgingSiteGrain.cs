namespace Matching.Lodging;

/// <summary>A lodging site (客栈) and its beds.</summary>
[Alias("ILodgingSiteGrain")]
public interface ILodgingSiteGrain : IGrainWithStringKey
{
    /// <summary>Creates the site without beds; 409 when the id is taken.</summary>
    [Alias("Create")]
    Task<LodgingSiteView> CreateAsync(LodgingSiteProfile profile);

    /// <summary>Replaces name, district, town and address; beds stay.</summary>
    [Alias("Update")]
    Task<LodgingSiteView> UpdateAsync(LodgingSiteProfile profile);

    /// <summary>Adds beds, numbered on or labelled as asked; each bed becomes a bed grain of this site.</summary>
    [Alias("AddBeds")]
    Task<LodgingSiteView> AddBedsAsync(AddBedsRequest request);

    /// <summary>The site with its beds; 404 when unknown.</summary>
    [Alias("Get")]
    Task<LodgingSiteView> GetAsync();
}
