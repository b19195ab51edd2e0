using Matching.Errors;
using Matching.Lodging;
using Matching.Tests.Support;

namespace Matching.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class LodgingGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Create_makes_a_site_without_beds()
    {
        var id = Samples.NewId("site");

        await _grains.GetGrain<ILodgingSiteGrain>(id).CreateAsync(Samples.LodgingSite() with { Name = " 客栈 ", District = "Jiading" });
        var read = await _grains.GetGrain<ILodgingSiteGrain>(id).GetAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal("客栈", read.Name);
        Assert.Equal("jiading", read.District);
        Assert.Empty(read.Beds);
        Assert.Equal(0, read.BedCount);
    }

    [Fact]
    public async Task Update_replaces_the_profile_and_keeps_the_beds()
    {
        var (id, site) = await CreateSiteAsync();
        await site.AddBedsAsync(new AddBedsRequest { Count = 2 });

        await site.UpdateAsync(Samples.LodgingSite() with { Name = "新名字" });
        var read = await site.GetAsync();

        Assert.Equal("新名字", read.Name);
        Assert.Equal([BedKey.Of(id, 1), BedKey.Of(id, 2)], read.Beds.Select(b => b.Id));
    }

    [Fact]
    public async Task Create_twice_is_a_conflict_and_unknown_is_not_found()
    {
        var (_, site) = await CreateSiteAsync();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => site.CreateAsync(Samples.LodgingSite()));
        var missing = await Assert.ThrowsAsync<NotFoundException>(_grains.GetGrain<ILodgingSiteGrain>(Samples.NewId("site")).GetAsync);

        Assert.Equal("already-exists", conflict.Code);
        Assert.Equal("Lodging site", missing.Kind);
    }

    [Fact]
    public async Task Add_beds_by_count_numbers_them_on()
    {
        var (id, site) = await CreateSiteAsync();

        await site.AddBedsAsync(new AddBedsRequest { Count = 3 });
        var read = await site.AddBedsAsync(new AddBedsRequest { Count = 2 });

        Assert.Equal(5, read.BedCount);
        Assert.Equal(["001", "002", "003", "004", "005"], read.Beds.Select(b => b.Label));
        Assert.Equal(Enumerable.Range(1, 5).Select(n => BedKey.Of(id, n)), read.Beds.Select(b => b.Id));
    }

    [Fact]
    public async Task Add_beds_by_label_registers_each_as_a_bed_grain_of_the_site()
    {
        var (id, site) = await CreateSiteAsync();

        var read = await site.AddBedsAsync(new AddBedsRequest { Labels = ["A-1", " A-2 "] });

        Assert.Equal(["A-1", "A-2"], read.Beds.Select(b => b.Label));
        foreach (var info in read.Beds)
        {
            var bed = await _grains.GetGrain<IBedGrain>(info.Id).GetAsync();
            Assert.Equal(new BedView(info.Id, id, info.Label, InService: true), bed);
            Assert.Equal(id, BedKey.SiteOf(info.Id));
        }
    }

    [Fact]
    public async Task A_bed_can_be_taken_out_of_service_and_back()
    {
        var (_, site) = await CreateSiteAsync();
        var bedId = (await site.AddBedsAsync(new AddBedsRequest { Count = 1 })).Beds[0].Id;
        var bed = _grains.GetGrain<IBedGrain>(bedId);

        var outOfService = await bed.SetInServiceAsync(false);
        var stored = await bed.GetAsync();
        var back = await bed.SetInServiceAsync(true);

        Assert.False(outOfService.InService);
        Assert.False(stored.InService);
        Assert.True(back.InService);
    }

    [Fact]
    public async Task A_bed_belongs_to_one_site_and_an_unknown_bed_is_not_found()
    {
        var (_, site) = await CreateSiteAsync();
        var bedId = (await site.AddBedsAsync(new AddBedsRequest { Count = 1 })).Beds[0].Id;

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => _grains.GetGrain<IBedGrain>(bedId).RegisterAsync("other-site", "X"));
        var missing = await Assert.ThrowsAsync<NotFoundException>(_grains.GetGrain<IBedGrain>(Samples.NewId("bed")).GetAsync);

        Assert.Equal("bed-of-other-site", conflict.Code);
        Assert.Equal("Bed", missing.Kind);
    }

    [Fact]
    public async Task Invalid_bed_requests_name_the_fields_and_add_nothing()
    {
        var (_, site) = await CreateSiteAsync();
        await site.AddBedsAsync(new AddBedsRequest { Count = 2 });

        var noCount = await Assert.ThrowsAsync<ValidationFailedException>(() => site.AddBedsAsync(new AddBedsRequest()));
        var mismatch = await Assert.ThrowsAsync<ValidationFailedException>(() => site.AddBedsAsync(new AddBedsRequest { Count = 3, Labels = ["x"] }));
        var blankLabel = await Assert.ThrowsAsync<ValidationFailedException>(() => site.AddBedsAsync(new AddBedsRequest { Labels = ["ok", " "] }));

        Assert.Equal(["count"], noCount.Errors.Keys);
        Assert.Equal(["count"], mismatch.Errors.Keys);
        Assert.Equal(["labels[1]"], blankLabel.Errors.Keys);
        Assert.Equal(2, (await site.GetAsync()).BedCount);
    }

    [Fact]
    public async Task Invalid_update_names_the_fields_and_changes_nothing()
    {
        var (_, site) = await CreateSiteAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => site.UpdateAsync(Samples.LodgingSite() with { Name = "", District = "kunming" }));

        Assert.Equal(["district", "name"], ex.Errors.Keys.Order());
        Assert.Equal(Samples.LodgingSite().Name, (await site.GetAsync()).Name);
    }

    private async Task<(string Id, ILodgingSiteGrain Site)> CreateSiteAsync()
    {
        var id = Samples.NewId("site");
        var site = _grains.GetGrain<ILodgingSiteGrain>(id);
        await site.CreateAsync(Samples.LodgingSite());
        return (id, site);
    }
}
