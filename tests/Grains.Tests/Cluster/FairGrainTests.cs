using Matching.Errors;
using Matching.Fairs;
using Matching.Tests.Support;

namespace Matching.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class FairGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Create_schedules_a_fair_of_existing_employers()
    {
        var employers = new[] { await _grains.CreateEmployerAsync(), await _grains.CreateEmployerAsync() };
        var id = Samples.NewId("fair");

        await _grains.GetGrain<IFairGrain>(id).CreateAsync(Samples.Fair([.. employers, employers[0]]));
        var read = await _grains.GetGrain<IFairGrain>(id).GetAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal(FairStatus.Scheduled, read.Status);
        Assert.Equal(employers, read.EmployerIds);
        Assert.Equal(0, read.CheckIns);
    }

    [Fact]
    public async Task Create_with_unknown_employers_fails_on_employerIds_and_creates_nothing()
    {
        var known = await _grains.CreateEmployerAsync();
        var unknown = Samples.NewId("emp");
        var grain = _grains.GetGrain<IFairGrain>(Samples.NewId("fair"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.CreateAsync(Samples.Fair(known, unknown)));

        var message = Assert.Single(Assert.Contains("employerIds", ex.Errors));
        Assert.Contains(unknown, message, StringComparison.Ordinal);
        Assert.DoesNotContain(known, message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(grain.GetAsync);
    }

    [Fact]
    public async Task Invalid_update_names_the_fields_and_changes_nothing()
    {
        var grain = _grains.GetGrain<IFairGrain>(Samples.NewId("fair"));
        await grain.CreateAsync(Samples.Fair(await _grains.CreateEmployerAsync()));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.UpdateAsync(Samples.Fair("bad id!") with { Date = default }));

        Assert.Equal(["date", "employerIds[0]"], ex.Errors.Keys.Order());
        Assert.Equal(Samples.Fair().Date, (await grain.GetAsync()).Date);
    }

    [Fact]
    public async Task Create_twice_is_a_conflict_and_unknown_is_not_found()
    {
        var grain = _grains.GetGrain<IFairGrain>(Samples.NewId("fair"));
        await grain.CreateAsync(Samples.Fair());

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => grain.CreateAsync(Samples.Fair()));
        var missing = await Assert.ThrowsAsync<NotFoundException>(_grains.GetGrain<IFairGrain>(Samples.NewId("fair")).GetAsync);

        Assert.Equal("already-exists", conflict.Code);
        Assert.Equal("Fair", missing.Kind);
    }

    [Fact]
    public async Task Close_ends_the_fair_and_a_closed_fair_takes_no_change()
    {
        var grain = _grains.GetGrain<IFairGrain>(Samples.NewId("fair"));
        await grain.CreateAsync(Samples.Fair());

        var closed = await grain.CloseAsync();
        var again = await Assert.ThrowsAsync<ConflictException>(grain.CloseAsync);
        var update = await Assert.ThrowsAsync<ConflictException>(() => grain.UpdateAsync(Samples.Fair() with { Name = "Later" }));

        Assert.Equal(FairStatus.Closed, closed.Status);
        Assert.Equal("fair-closed", again.Code);
        Assert.Equal("fair-closed", update.Code);
        Assert.Equal(Samples.Fair().Name, (await grain.GetAsync()).Name);
    }
}
