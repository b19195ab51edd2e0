using Matching.Lodging;

namespace Matching.Workload;

/// <summary>A generated lodging site and how many beds to add to it.</summary>
public sealed record GeneratedLodgingSite(LodgingSiteProfile Profile, int Beds);
