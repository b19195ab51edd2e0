using Matching.Reference;
using Matching.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Reports;

/// <summary>
/// Reads the entities a report needs and counts them. A stateless worker: any silo answers, several at once, and
/// nothing is kept between calls, so a report is never behind the entities it was read from.
/// </summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class ReportGrain(
    IStateStore store,
    ReferenceData refs,
    [FromKeyedServices(MatchingClock.Key)] TimeProvider time) : Grain, IReportGrain
{
    public async Task<ReportTable> BuildAsync(string report, ReportQuery query)
    {
        var now = time.GetUtcNow();
        var data = await ReportData.ReadAsync(store, report);
        return Reports.Build(report, data, query, refs, now);
    }
}
