using Matching.JobOrders;
using Matching.Reference;
using Matching.Workers;
using Microsoft.Extensions.Options;

namespace Matching.Scoring;

/// <summary>
/// Runs <see cref="MatchScorer.Explain"/> for a caller outside the silos. A stateless worker: every silo has one
/// beside its callers and keeps nothing between calls, so the answer follows the settings the index scores with.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class MatchExplainerGrain(IOptions<ScoringOptions> scoring, ReferenceData refs) : Grain, IMatchExplainerGrain
{
    public Task<MatchExplanation[]> ExplainAsync(WorkerProfile worker, JobOrderProfile[] orders)
    {
        var summary = WorkerSummary.From(worker);
        return Task.FromResult(orders.Select(order => MatchScorer.Explain(summary, JobSummary.From(order), scoring.Value, refs)).ToArray());
    }
}
