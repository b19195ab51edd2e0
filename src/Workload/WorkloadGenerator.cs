using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Workers;

namespace Matching.Workload;

/// <summary>
/// The standard workload (employers, job orders, workers, lodging sites, a fair) for demo data
/// and benchmarks. The same options give the same output, byte for byte; each kind draws from
/// its own random sequence, so changing one count leaves the other kinds as they were
/// (job orders and the fair follow the employers they are drawn from).
/// Every profile passes the validation rules of its kind as of <see cref="WorkloadOptions.Today"/>.
/// </summary>
public sealed class WorkloadGenerator
{
    private readonly WorkloadOptions _options;

    /// <exception cref="ArgumentException">The sizes cannot be met (e.g. the beds do not fit the sites).</exception>
    public WorkloadGenerator(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    public WorkloadOptions Options => _options;

    /// <summary>Employers <c>emp-0001</c>…, each call a fresh copy.</summary>
    public IReadOnlyList<EmployerProfile> Employers() => EmployerFactory.Create(_options);

    /// <summary>Job orders <c>job-00001</c>…, generated as they are enumerated.</summary>
    public IEnumerable<JobOrderProfile> JobOrders() => JobOrderFactory.Create(_options, Employers());

    /// <summary>Workers <c>w-000001</c>…, generated as they are enumerated; each enumeration starts over the same.</summary>
    public IEnumerable<WorkerProfile> Workers() => WorkerFactory.Create(_options);

    /// <summary>Lodging sites <c>site-01</c>… in Jiading with their bed counts.</summary>
    public IReadOnlyList<GeneratedLodgingSite> LodgingSites() => LodgingSiteFactory.Create(_options);

    /// <summary>The fair <c>fair-1</c> on the anchor day.</summary>
    public FairProfile Fair() => FairFactory.Create(_options, Employers());
}
