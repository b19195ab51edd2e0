using System.Text.Json;
using Matching.Employers;
using Matching.Fairs;
using Matching.JobOrders;
using Matching.Lodging;
using Matching.Reference;
using Matching.Workers;
using Matching.Workload;

namespace Matching.Tests;

public sealed class WorkloadGeneratorTests
{
    private static readonly DateOnly _today = new(2024, 8, 28);

    private static readonly WorkloadOptions _moderate = new()
    {
        Today = _today,
        Employers = 50,
        JobOrders = 500,
        Workers = 3_000,
    };

    /// <summary>Enough of everything for shares to settle near their targets.</summary>
    private static readonly WorkloadOptions _large = new()
    {
        Today = _today,
        Employers = 1_000,
        JobOrders = 5_000,
        Workers = 10_000,
    };

    [Fact]
    public void Same_options_give_identical_output()
    {
        Assert.Equal(Snapshot(new WorkloadGenerator(_moderate)), Snapshot(new WorkloadGenerator(_moderate)));
    }

    [Fact]
    public void Enumerating_twice_gives_the_same_workers()
    {
        var generator = new WorkloadGenerator(_moderate);

        Assert.Equal(Json(generator.Workers()), Json(generator.Workers()));
    }

    [Fact]
    public void Different_seeds_give_different_output_of_every_kind()
    {
        // Fewer fair places than employers, else both fairs take every employer.
        var options = _moderate with { FairEmployers = 20 };
        var a = new WorkloadGenerator(options);
        var b = new WorkloadGenerator(options with { Seed = options.Seed + 1 });

        Assert.NotEqual(Json(a.Employers()), Json(b.Employers()));
        Assert.NotEqual(Json(a.JobOrders()), Json(b.JobOrders()));
        Assert.NotEqual(Json(a.Workers()), Json(b.Workers()));
        Assert.NotEqual(Json(a.LodgingSites()), Json(b.LodgingSites()));
        Assert.NotEqual(Json(a.Fair()), Json(b.Fair()));
    }

    [Fact]
    public void Changing_one_count_leaves_the_other_kinds_unchanged()
    {
        var small = new WorkloadGenerator(_moderate);
        var more = new WorkloadGenerator(_moderate with { Workers = 5_000, JobOrders = 800, LodgingSites = 12 });

        Assert.Equal(Json(small.Employers()), Json(more.Employers()));
        Assert.Equal(Json(small.Fair()), Json(more.Fair()));
        Assert.Equal(Json(small.JobOrders()), Json(more.JobOrders().Take(_moderate.JobOrders)));
        Assert.Equal(Json(small.Workers()), Json(more.Workers().Take(_moderate.Workers)));
    }

    [Fact]
    public void Ids_are_stable_and_padded()
    {
        var generator = new WorkloadGenerator(_moderate);

        Assert.Equal("emp-0001", generator.Employers()[0].Id);
        Assert.Equal("job-00001", generator.JobOrders().First().Id);
        Assert.Equal("w-000001", generator.Workers().First().Id);
        Assert.Equal("site-01", generator.LodgingSites()[0].Profile.Id);
        Assert.Equal("fair-1", generator.Fair().Id);
        Assert.Equal(WorkloadIds.Worker(3_000), generator.Workers().Last().Id);
    }

    [Fact]
    public void Every_generated_profile_passes_the_validators_unchanged()
    {
        var generator = new WorkloadGenerator(_moderate);
        var refs = new ReferenceData();

        foreach (var employer in generator.Employers())
        {
            Assert.Equal(Json(employer), Json(EmployerRules.Normalize(employer, employer.Id!)));
        }

        foreach (var order in generator.JobOrders())
        {
            Assert.Equal(Json(order), Json(JobOrderRules.Normalize(order, order.Id!, refs, _today)));
        }

        foreach (var worker in generator.Workers())
        {
            Assert.Equal(Json(worker), Json(WorkerRules.Normalize(worker, worker.Id!, refs, _today)));
        }

        foreach (var site in generator.LodgingSites())
        {
            Assert.Equal(Json(site.Profile), Json(LodgingRules.Normalize(site.Profile, site.Profile.Id!)));
        }

        var fair = generator.Fair();
        Assert.Equal(Json(fair), Json(FairRules.Normalize(fair, fair.Id!, _today)));
    }

    [Fact]
    public void Employers_follow_the_standard_shares()
    {
        var employers = new WorkloadGenerator(_large).Employers();

        Assert.Equal(_large.Employers, employers.Count);
        Assert.InRange(Share(employers, e => e.IsKeyEnterprise), 0.27, 0.33);
        Assert.InRange(Share(employers, e => e.CreditStanding == "good"), 0.87, 0.93);
        Assert.InRange(Share(employers, e => e.CreditStanding == "watch"), 0.06, 0.10);
        Assert.InRange(Share(employers, e => e.CreditStanding == "blocked"), 0.01, 0.03);
        Assert.InRange(Share(employers, e => e.PartnerProgrammes.Length > 0), 0.08, 0.12);
        Assert.Equal(16, employers.Select(e => e.District).Distinct().Count());
        Assert.All(employers.GroupBy(e => e.District), g => Assert.InRange(g.Count(), 35, 95));
        Assert.Subset(PartnerProgrammes.All.ToHashSet(), employers.SelectMany(e => e.PartnerProgrammes).ToHashSet());
        Assert.Equal(employers.Count, employers.Select(e => e.Name).Distinct().Count());
    }

    [Fact]
    public void Job_orders_follow_the_standard_shares()
    {
        var generator = new WorkloadGenerator(_large);
        var employers = generator.Employers().ToDictionary(e => e.Id!);
        var orders = generator.JobOrders().ToList();

        Assert.Equal(_large.JobOrders, orders.Count);
        Assert.InRange(Share(orders, o => o.Trade == "general"), 0.28, 0.32);
        Assert.InRange(Share(orders, o => o.Trade == "firefighter"), 0.01, 0.03);
        Assert.InRange(Share(orders, o => o.MinLevel == "junior"), 0.47, 0.53);
        Assert.InRange(Share(orders, o => o.MinLevel == "technician"), 0.04, 0.06);
        Assert.InRange(orders.Average(o => o.Headcount), 4.3, 5.7);
        Assert.All(orders, o => Assert.InRange(o.Headcount, 1, 30));
        Assert.All(orders, o => Assert.InRange(o.WageMin, 4_500, 8_000));
        Assert.All(orders, o => Assert.InRange(o.WageMax - o.WageMin, 1_000, 3_000));
        Assert.All(orders, o => Assert.Equal(0, o.WageMin % 100));
        Assert.All(orders, o => Assert.InRange(o.StartDate, _today, _today.AddDays(60)));
        Assert.InRange(Share(orders, o => o.ProvidesHousing), 0.37, 0.43);
        Assert.InRange(Share(orders, o => o.AcceptsInterns), 0.57, 0.63);
        Assert.InRange(Share(orders, o => o.RequiredCertificates.Length > 0), 0.08, 0.12);
        Assert.All(orders.Where(o => o.RequiredCertificates.Length > 0), o => Assert.Equal([TradeCertificates.ByTrade[o.Trade]], o.RequiredCertificates));
        Assert.All(orders, o =>
        {
            var employer = employers[o.EmployerId];
            Assert.Equal(employer.District, o.District);
            Assert.Equal(employer.PartnerProgrammes, o.PartnerProgrammes);
        });
    }

    [Fact]
    public void Workers_follow_the_standard_shares()
    {
        var workers = new WorkloadGenerator(_large).Workers().ToList();
        var yunnan = workers.Where(w => w.OriginProvince == "yunnan").ToList();

        Assert.Equal(_large.Workers, workers.Count);
        Assert.InRange(Share(workers, w => w.OriginProvince == "yunnan"), 0.67, 0.73);
        Assert.InRange(Share(yunnan, w => w.OriginPrefecture == "zhaotong"), 0.12 - 0.02, 0.12 + 0.02);
        Assert.InRange(Share(yunnan, w => w.OriginPrefecture == "diqing"), 0.003, 0.02);
        Assert.Equal(16, yunnan.Select(w => w.OriginPrefecture).Distinct().Count());
        Assert.Equal(
            ["anhui", "gansu", "henan", "hubei", "hunan", "jiangxi"],
            workers.Where(w => w.OriginProvince != "yunnan").Select(w => w.OriginProvince).Distinct().Order());
        Assert.InRange(Share(workers, w => w.Categories.Contains("ruralLabour")), 0.77, 0.83);
        Assert.InRange(Share(workers, w => w.Categories.Contains("povertyAlleviated")), 0.22, 0.28);
        Assert.InRange(Share(workers, w => w.Categories.Contains("studentIntern")), 0.08, 0.12);
        Assert.InRange(Share(workers, w => w.Skills[0].Trade == "general"), 0.28, 0.32);
        Assert.All(workers, w => Assert.InRange(w.Skills.Length, 1, 3));
        Assert.InRange(Share(workers.SelectMany(w => w.Skills).ToList(), s => s.Certificates.Length > 0), 0.08, 0.12);
        Assert.All(workers, w => Assert.InRange(w.DesiredDistricts.Length, 1, 4));
        Assert.All(workers, w => Assert.InRange(w.MinWage, 4_000, 8_000));
        Assert.All(workers, w => Assert.Equal(0, w.MinWage % 100));
        Assert.All(workers, w => Assert.InRange(w.AvailableFrom, _today, _today.AddDays(30)));
        Assert.InRange(Share(workers, w => w.NeedsLodging), 0.42, 0.48);
        Assert.InRange(Share(workers, w => w.Programmes.Length > 0), 0.06, 0.10);
    }

    [Fact]
    public void Workers_have_unique_well_formed_personal_numbers()
    {
        var workers = new WorkloadGenerator(_large).Workers().ToList();

        Assert.All(workers, w =>
        {
            Assert.True(WorkerRules.HasValidCheckDigit(w.IdNumber), w.IdNumber);
            Assert.Matches("^1[3-9][0-9]{9}$", w.Phone);
            Assert.InRange(w.Name.Length, 2, 3);
            var birth = DateOnly.ParseExact(w.IdNumber[6..14], "yyyyMMdd");
            Assert.InRange(birth, _today.AddYears(-56).AddDays(1), _today.AddYears(-18));
            Assert.StartsWith(w.OriginProvince == "yunnan" ? "53" : "", w.IdNumber);
        });
        Assert.Equal(workers.Count, workers.Select(w => w.IdNumber).Distinct().Count());
        Assert.Equal(workers.Count, workers.Select(w => w.Phone).Distinct().Count());
    }

    [Fact]
    public void No_given_name_part_is_also_a_surname()
    {
        Assert.Empty(ChineseNames.MaleGivenParts.Concat(ChineseNames.FemaleGivenParts).Intersect(ChineseNames.Surnames));
    }

    [Fact]
    public void Standard_lodging_has_1669_beds_over_19_sites_in_jiading()
    {
        var sites = new WorkloadGenerator(new WorkloadOptions { Today = _today }).LodgingSites();

        Assert.Equal(19, sites.Count);
        Assert.Equal(1_669, sites.Sum(s => s.Beds));
        Assert.All(sites, s => Assert.InRange(s.Beds, 40, 150));
        Assert.All(sites, s => Assert.Equal("jiading", s.Profile.District));
        Assert.Equal(12, sites.Select(s => s.Profile.Town).Distinct().Count());
        Assert.Equal(sites.Count, sites.Select(s => s.Profile.Name).Distinct().Count());
    }

    [Theory]
    [InlineData(3, 120)]
    [InlineData(3, 450)]
    [InlineData(5, 401)]
    [InlineData(0, 0)]
    public void Beds_add_up_exactly_at_the_bounds(int sites, int beds)
    {
        var generated = new WorkloadGenerator(_moderate with { LodgingSites = sites, Beds = beds }).LodgingSites();

        Assert.Equal(beds, generated.Sum(s => s.Beds));
        Assert.All(generated, s => Assert.InRange(s.Beds, 40, 150));
    }

    [Fact]
    public void Beds_that_cannot_fit_the_sites_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkloadGenerator(_moderate with { LodgingSites = 3, Beds = 451 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkloadGenerator(_moderate with { LodgingSites = 3, Beds = 119 }));
    }

    [Fact]
    public void The_fair_takes_300_distinct_employers_or_all_of_fewer()
    {
        var standard = new WorkloadGenerator(new WorkloadOptions { Today = _today, Workers = 0, JobOrders = 0 });
        var fair = standard.Fair();
        var employerIds = standard.Employers().Select(e => e.Id!).ToHashSet();

        Assert.Equal(_today, fair.Date);
        Assert.Equal(300, fair.EmployerIds.Distinct().Count());
        Assert.Subset(employerIds, fair.EmployerIds.ToHashSet());
        Assert.Equal(_moderate.Employers, new WorkloadGenerator(_moderate).Fair().EmployerIds.Length);
    }

    private static double Share<T>(IReadOnlyCollection<T> items, Func<T, bool> predicate) =>
        (double)items.Count(predicate) / items.Count;

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static string Snapshot(WorkloadGenerator generator) =>
        Json(new
        {
            Employers = generator.Employers(),
            JobOrders = generator.JobOrders(),
            Workers = generator.Workers(),
            Sites = generator.LodgingSites(),
            Fair = generator.Fair(),
        });
}
