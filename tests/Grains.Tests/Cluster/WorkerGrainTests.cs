using Matching.Errors;
using Matching.Tests.Support;
using Matching.Workers;

namespace Matching.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class WorkerGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Create_registers_a_seeking_worker_with_a_normalised_profile()
    {
        var id = Samples.NewId("wkr");
        var grain = _grains.GetGrain<IWorkerGrain>(id);

        await grain.CreateAsync(Samples.Worker() with { Phone = "138-0013 8000", OriginPrefecture = "Lincang", Categories = ["RURALLABOUR", "ruralLabour"] });
        var read = await grain.GetAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal(WorkerStatus.Seeking, read.Status);
        Assert.Equal("13800138000", read.Phone);
        Assert.Equal("lincang", read.OriginPrefecture);
        Assert.Equal(["ruralLabour"], read.Categories);
    }

    [Fact]
    public async Task Update_changes_the_profile_of_a_seeking_worker()
    {
        var grain = _grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr"));
        await grain.CreateAsync(Samples.Worker());

        await grain.UpdateAsync(Samples.Worker() with { MinWage = 7000, Skills = [new WorkerSkill { Trade = "electrician", Level = "junior" }] });
        var read = await grain.GetAsync();

        Assert.Equal(7000, read.MinWage);
        Assert.Equal("electrician", Assert.Single(read.Skills).Trade);
        Assert.Equal(WorkerStatus.Seeking, read.Status);
    }

    [Fact]
    public async Task A_trade_added_by_configuration_is_accepted()
    {
        var grain = _grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr"));

        var created = await grain.CreateAsync(Samples.Worker() with { Skills = [new WorkerSkill { Trade = "Plumber", Level = "junior" }] });

        Assert.Equal(MatchingTestCluster.ExtraTrade, Assert.Single(created.Skills).Trade);
    }

    [Fact]
    public async Task Create_twice_is_a_conflict()
    {
        var grain = _grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr"));
        await grain.CreateAsync(Samples.Worker());

        var ex = await Assert.ThrowsAsync<ConflictException>(() => grain.CreateAsync(Samples.Worker()));

        Assert.Equal("already-exists", ex.Code);
    }

    [Fact]
    public async Task Get_unknown_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(_grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr")).GetAsync);
        Assert.Equal("Worker", ex.Kind);
    }

    [Fact]
    public async Task Invalid_update_names_the_fields_and_changes_nothing()
    {
        var grain = _grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr"));
        var created = await grain.CreateAsync(Samples.Worker());
        var broken = Samples.Worker() with
        {
            Phone = "12345",
            IdNumber = created.IdNumber[..17] + (created.IdNumber[17] == '0' ? '1' : '0'),
            Skills = [new WorkerSkill { Trade = "welder", Level = "junior" }, new WorkerSkill { Trade = "welder", Level = "senior" }],
        };

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.UpdateAsync(broken));

        Assert.Equal(["idNumber", "phone", "skills[1].trade"], ex.Errors.Keys.Order());
        var read = await grain.GetAsync();
        Assert.Equal(created.Phone, read.Phone);
        Assert.Equal(created.IdNumber, read.IdNumber);
        Assert.Equal("senior", Assert.Single(read.Skills).Level);
    }

    [Fact]
    public async Task Withdraw_takes_the_worker_out_and_a_withdrawn_worker_takes_no_update()
    {
        var grain = _grains.GetGrain<IWorkerGrain>(Samples.NewId("wkr"));
        await grain.CreateAsync(Samples.Worker());

        var withdrawn = await grain.WithdrawAsync();
        var update = await Assert.ThrowsAsync<ConflictException>(() => grain.UpdateAsync(Samples.Worker() with { MinWage = 9000 }));
        var again = await Assert.ThrowsAsync<ConflictException>(grain.WithdrawAsync);

        Assert.Equal(WorkerStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("worker-withdrawn", update.Code);
        Assert.Equal("worker-withdrawn", again.Code);
        var read = await grain.GetAsync();
        Assert.Equal(WorkerStatus.Withdrawn, read.Status);
        Assert.Equal(Samples.Worker().MinWage, read.MinWage);
    }
}
