using Matching.JobOrders;
using Matching.Workers;

namespace Matching.Scoring;

/// <summary>
/// The scorer's verdict on chosen pairs, from inside a silo, where the scoring settings and engine are, so the API
/// (in cluster mode a client without them) explains a match, checks a hold and ranks a booth's orders by the same
/// rule the index ranks by. Stateless and unkeyed in meaning: ask key 0.
/// </summary>
[Alias("IMatchExplainerGrain")]
public interface IMatchExplainerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// For each of <paramref name="orders"/> in turn, whether <paramref name="worker"/> passes its hard filters,
    /// the score and the labelled reasons, or every filter it fails.
    /// </summary>
    [Alias("Explain")]
    Task<MatchExplanation[]> ExplainAsync(WorkerProfile worker, JobOrderProfile[] orders);
}
