namespace Matching.Reports;

/// <summary>
/// Reports from inside a silo, where the store is, so the API in cluster mode (a client without a store) can ask
/// too. Stateless and unkeyed in meaning: ask key 0.
/// </summary>
[Alias("IReportGrain")]
public interface IReportGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The <paramref name="report"/> (<see cref="ReportKinds"/>) for <paramref name="query"/>, counted from one
    /// pass over the stored entities of each kind it needs.
    /// </summary>
    [Alias("Build")]
    Task<ReportTable> BuildAsync(string report, ReportQuery query);
}
