using Matching.Employers;
using Matching.Errors;
using Matching.Tests.Support;

namespace Matching.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class EmployerGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Client;

    [Fact]
    public async Task Create_then_get_returns_the_normalised_profile()
    {
        var id = Samples.NewId("emp");
        var grain = _grains.GetGrain<IEmployerGrain>(id);
        var now = fixture.Time.GetUtcNow();

        await grain.CreateAsync(Samples.Employer() with { Name = "  Acme  ", District = "JIADING", PartnerProgrammes = ["a", "A", " b "] });
        var read = await grain.GetAsync();

        Assert.Equal(id, read.Id);
        Assert.Equal("Acme", read.Name);
        Assert.Equal("jiading", read.District);
        Assert.Equal(["a", "b"], read.PartnerProgrammes);
        Assert.Equal(now, read.CreatedAt);
        Assert.Equal(now, read.UpdatedAt);
    }

    [Fact]
    public async Task Update_replaces_the_profile_and_keeps_the_creation_time()
    {
        var grain = _grains.GetGrain<IEmployerGrain>(Samples.NewId("emp"));
        var created = await grain.CreateAsync(Samples.Employer());
        fixture.Time.Advance(TimeSpan.FromMinutes(5));

        await grain.UpdateAsync(Samples.Employer() with { CreditStanding = "watch", IsKeyEnterprise = false });
        var read = await grain.GetAsync();

        Assert.Equal("watch", read.CreditStanding);
        Assert.False(read.IsKeyEnterprise);
        Assert.Equal(created.CreatedAt, read.CreatedAt);
        Assert.Equal(created.CreatedAt + TimeSpan.FromMinutes(5), read.UpdatedAt);
    }

    [Fact]
    public async Task Create_twice_is_a_conflict()
    {
        var grain = _grains.GetGrain<IEmployerGrain>(Samples.NewId("emp"));
        await grain.CreateAsync(Samples.Employer());

        var ex = await Assert.ThrowsAsync<ConflictException>(() => grain.CreateAsync(Samples.Employer() with { Name = "Other" }));

        Assert.Equal("already-exists", ex.Code);
        Assert.Equal(Samples.Employer().Name, (await grain.GetAsync()).Name);
    }

    [Fact]
    public async Task Get_and_update_of_an_unknown_employer_are_not_found()
    {
        var id = Samples.NewId("emp");
        var grain = _grains.GetGrain<IEmployerGrain>(id);

        var ex = await Assert.ThrowsAsync<NotFoundException>(grain.GetAsync);
        await Assert.ThrowsAsync<NotFoundException>(() => grain.UpdateAsync(Samples.Employer()));

        Assert.Equal("Employer", ex.Kind);
        Assert.Equal(id, ex.Id);
        Assert.Contains(id, ex.Message, StringComparison.Ordinal);
        Assert.Null(await grain.FindAsync());
    }

    [Fact]
    public async Task Invalid_create_names_the_fields_and_creates_nothing()
    {
        var grain = _grains.GetGrain<IEmployerGrain>(Samples.NewId("emp"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.CreateAsync(Samples.Employer() with { Name = " ", CreditStanding = "excellent" }));

        Assert.Equal(["creditStanding", "name"], ex.Errors.Keys.Order());
        await Assert.ThrowsAsync<NotFoundException>(grain.GetAsync);
    }

    [Fact]
    public async Task Invalid_update_names_the_fields_and_changes_nothing()
    {
        var grain = _grains.GetGrain<IEmployerGrain>(Samples.NewId("emp"));
        var created = await grain.CreateAsync(Samples.Employer());

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.UpdateAsync(Samples.Employer() with { Name = "", District = "paris" }));

        Assert.Equal(["district", "name"], ex.Errors.Keys.Order());
        var read = await grain.GetAsync();
        Assert.Equal(created.Name, read.Name);
        Assert.Equal(created.District, read.District);
        Assert.Equal(created.UpdatedAt, read.UpdatedAt);
    }
}
