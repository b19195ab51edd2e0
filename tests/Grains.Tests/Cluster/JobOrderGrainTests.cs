using Matching.Errors;
using Matching.JobOrders;
using Matching.Tests.Support;

namespace Matching.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class JobOrderGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Create_opens_the_order_with_every_slot_free()
    {
        var employerId = await _grains.CreateEmployerAsync();
        var id = Samples.NewId("job");

        await _grains.GetGrain<IJobOrderGrain>(id).CreateAsync(Samples.JobOrder(employerId) with { Trade = " Welder ", RequiredCertificates = ["焊工证", "焊工证"] });
        var read = await _grains.GetGrain<IJobOrderGrain>(id).GetAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal(employerId, read.EmployerId);
        Assert.Equal("welder", read.Trade);
        Assert.Equal(["焊工证"], read.RequiredCertificates);
        Assert.Equal(JobOrderStatus.Open, read.Status);
        Assert.Equal(5, read.OpenSlots);
        Assert.Equal(0, read.Held);
        Assert.Equal(0, read.Hired);
    }

    [Fact]
    public async Task Update_changes_an_open_order()
    {
        var grain = await CreateOrderAsync();

        await grain.UpdateAsync(Samples.JobOrder("") with { Headcount = 8, WageMax = 9000 });
        var read = await grain.GetAsync();

        Assert.Equal(8, read.Headcount);
        Assert.Equal(8, read.OpenSlots);
        Assert.Equal(9000, read.WageMax);
    }

    [Fact]
    public async Task Create_twice_is_a_conflict()
    {
        var employerId = await _grains.CreateEmployerAsync();
        var grain = _grains.GetGrain<IJobOrderGrain>(Samples.NewId("job"));
        await grain.CreateAsync(Samples.JobOrder(employerId));

        var ex = await Assert.ThrowsAsync<ConflictException>(() => grain.CreateAsync(Samples.JobOrder(employerId)));

        Assert.Equal("already-exists", ex.Code);
    }

    [Fact]
    public async Task Get_unknown_is_not_found()
    {
        var ex = await Assert.ThrowsAsync<NotFoundException>(_grains.GetGrain<IJobOrderGrain>(Samples.NewId("job")).GetAsync);
        Assert.Equal("Job order", ex.Kind);
    }

    [Fact]
    public async Task Create_for_an_unknown_employer_fails_on_employerId_and_creates_nothing()
    {
        var grain = _grains.GetGrain<IJobOrderGrain>(Samples.NewId("job"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.CreateAsync(Samples.JobOrder(Samples.NewId("emp"))));

        Assert.Equal(["employerId"], ex.Errors.Keys);
        await Assert.ThrowsAsync<NotFoundException>(grain.GetAsync);
    }

    [Fact]
    public async Task Invalid_update_names_the_fields_and_changes_nothing()
    {
        var grain = await CreateOrderAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            grain.UpdateAsync(Samples.JobOrder("") with { Title = "", WageMin = 8000, WageMax = 7000, Headcount = 0 }));

        Assert.Equal(["headcount", "title", "wageMax"], ex.Errors.Keys.Order());
        var read = await grain.GetAsync();
        Assert.Equal(Samples.JobOrder("").Title, read.Title);
        Assert.Equal(5, read.Headcount);
        Assert.Equal(7500, read.WageMax);
    }

    [Fact]
    public async Task Update_cannot_move_the_order_to_another_employer()
    {
        var grain = await CreateOrderAsync();
        var other = await _grains.CreateEmployerAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.UpdateAsync(Samples.JobOrder(other)));

        Assert.Equal(["employerId"], ex.Errors.Keys);
        Assert.NotEqual(other, (await grain.GetAsync()).EmployerId);
    }

    [Fact]
    public async Task Close_closes_once_and_a_closed_order_takes_no_update()
    {
        var grain = await CreateOrderAsync();

        var closed = await grain.CloseAsync();
        var again = await Assert.ThrowsAsync<ConflictException>(grain.CloseAsync);
        var update = await Assert.ThrowsAsync<ConflictException>(() => grain.UpdateAsync(Samples.JobOrder("") with { Headcount = 9 }));

        Assert.Equal(JobOrderStatus.Closed, closed.Status);
        Assert.Equal(0, closed.OpenSlots);
        Assert.Equal("already-closed", again.Code);
        Assert.Equal("not-open", update.Code);
        var read = await grain.GetAsync();
        Assert.Equal(JobOrderStatus.Closed, read.Status);
        Assert.Equal(5, read.Headcount);
    }

    private async Task<IJobOrderGrain> CreateOrderAsync() =>
        _grains.GetGrain<IJobOrderGrain>(await _grains.CreateJobOrderAsync(Samples.JobOrder(await _grains.CreateEmployerAsync())));
}
