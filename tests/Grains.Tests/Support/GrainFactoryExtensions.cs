using Matching.Employers;
using Matching.JobOrders;
using Matching.Workers;

namespace Matching.Tests.Support;

/// <summary>Creates entities under fresh ids, for tests that need one to exist before the call they test.</summary>
public static class GrainFactoryExtensions
{
    public static async Task<string> CreateEmployerAsync(this IGrainFactory grains, EmployerProfile? profile = null)
    {
        var id = Samples.NewId("emp");
        await grains.GetGrain<IEmployerGrain>(id).CreateAsync(profile ?? Samples.Employer());
        return id;
    }

    public static async Task<string> CreateJobOrderAsync(this IGrainFactory grains, JobOrderProfile profile)
    {
        var id = Samples.NewId("job");
        await grains.GetGrain<IJobOrderGrain>(id).CreateAsync(profile);
        return id;
    }

    public static async Task<string> CreateWorkerAsync(this IGrainFactory grains, WorkerProfile? profile = null)
    {
        var id = Samples.NewId("wkr");
        await grains.GetGrain<IWorkerGrain>(id).CreateAsync(profile ?? Samples.Worker());
        return id;
    }
}
