namespace Matching.Lodging;

/// <summary>A lodging site (客栈), its beds, and the stays on them.</summary>
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

    /// <summary>
    /// Takes one of the site's beds out of service or back in. Stays already on it keep it;
    /// new stays are not given it. 404 when the site has no such bed.
    /// </summary>
    [Alias("SetBedInService")]
    Task<BedView> SetBedInServiceAsync(string bedId, bool inService);

    /// <summary>
    /// Holds one bed for every night of the stay until the hold's deadline, or answers with the full nights.
    /// 400 on broken field rules, 409 <c>not-eligible</c> or <c>worker-has-stay</c>. Stored before it answers.
    /// </summary>
    [Alias("Reserve")]
    Task<ReserveResult> ReserveAsync(StayRequest request);

    /// <summary>A reservation of this site as of now (a lapsed hold reads as expired); 404 when unknown.</summary>
    [Alias("GetReservation")]
    Task<Reservation> GetReservationAsync(string reservationId);

    /// <summary>Books a live hold: the bed is kept until the end of the first night's day. Repeating it is harmless.</summary>
    [Alias("Confirm")]
    Task<Reservation> ConfirmAsync(string reservationId);

    /// <summary>The worker arrives: a live hold or booking becomes occupied, from the first night's day on.</summary>
    [Alias("CheckIn")]
    Task<Reservation> CheckInAsync(string reservationId);

    /// <summary>The worker leaves: the stay is completed and the nights from today on are free again.</summary>
    [Alias("CheckOut")]
    Task<Reservation> CheckOutAsync(string reservationId);

    /// <summary>Gives up a stay not yet checked in to; a cancelled or expired one is answered as it is.</summary>
    [Alias("Cancel")]
    Task<Reservation> CancelAsync(string reservationId);

    /// <summary>Per-night counts for <c>[from, to)</c>: today and the next 14 nights by default, at most 62 nights.</summary>
    [Alias("GetAvailability")]
    Task<SiteAvailability> GetAvailabilityAsync(DateOnly? from, DateOnly? to);
}
