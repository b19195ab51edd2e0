using Matching.Fairs;
using Matching.Index;
using Matching.JobOrders;
using Matching.Lodging;

namespace Matching.Api.Hubs;

/// <summary>What a recruiter's connection receives: only its own employer's events.</summary>
public interface IRecruiterClient
{
    Task CandidateFound(CandidateFound e);
    Task CandidateWithdrawn(CandidateWithdrawn e);
    Task CandidateRankChanged(CandidateRankChanged e);
    Task HoldChanged(HoldChanged e);
    Task Hired(Hired e);
    Task EngagementChanged(EngagementChanged e);
}

/// <summary>What a fair's big screen receives: anonymised figures and ticker lines.</summary>
public interface IFairClient
{
    Task BoardChanged(BoardChanged e);
    Task MatchMade(MatchMade e);
}

/// <summary>What a lodging operator's dashboard receives: its site's counts per night.</summary>
public interface ILodgingClient
{
    Task BedCountsChanged(BedCountsChanged e);
}
