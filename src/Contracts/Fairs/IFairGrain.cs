namespace Matching.Fairs;

/// <summary>A fair day (招聘会): participating employers, check-ins and the big screen's figures.</summary>
[Alias("IFairGrain")]
public interface IFairGrain : IGrainWithStringKey
{
    /// <summary>Schedules the fair; every participating employer must exist.</summary>
    [Alias("Create")]
    Task<FairView> CreateAsync(FairProfile profile);

    /// <summary>Changes a scheduled fair; 409 once closed.</summary>
    [Alias("Update")]
    Task<FairView> UpdateAsync(FairProfile profile);

    /// <summary>Ends the fair day; 409 when already closed.</summary>
    [Alias("Close")]
    Task<FairView> CloseAsync();

    /// <summary>The fair; 404 when unknown.</summary>
    [Alias("Get")]
    Task<FairView> GetAsync();

    /// <summary>
    /// A visitor arrives: counted by origin, matched against the participating employers' open orders, and
    /// shown on the board (anonymised). A repeat check-in of the same worker answers the first result.
    /// </summary>
    [Alias("CheckIn")]
    Task<CheckInResult> CheckInAsync(string workerId);

    /// <summary>Whether the worker checked in at this fair: its employers were offered the worker at their booths.</summary>
    [Alias("HasVisitor")]
    Task<bool> HasVisitorAsync(string workerId);

    /// <summary>The big screen's figures.</summary>
    [Alias("GetBoard")]
    Task<FairBoard> GetBoardAsync();
}

/// <summary>The answer to a check-in: the board's counters and the visitor's best match at the fair, if any.</summary>
[GenerateSerializer, Immutable, Alias("CheckInResult")]
public sealed record CheckInResult(
    [property: Id(0)] string FairId,
    [property: Id(1)] string WorkerId,
    [property: Id(2)] int CheckIns,
    [property: Id(3)] FairMatch? Match)
{
    /// <summary>The visitor had checked in already: counted once, and the desk says so.</summary>
    [Id(4)] public bool Repeat { get; init; }
}

/// <summary>The best job order of a participating employer for a visitor.</summary>
[GenerateSerializer, Immutable, Alias("FairMatch")]
public sealed record FairMatch(
    [property: Id(0)] string JobOrderId,
    [property: Id(1)] string EmployerId,
    [property: Id(2)] int Score,
    [property: Id(3)] string Line);
