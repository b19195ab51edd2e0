using Matching.Reference;
using Matching.Scoring;
using Matching.Workers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Matching.Tests.Scoring;

public sealed class SummaryTests
{
    [Fact]
    public void A_worker_summary_keeps_what_scoring_reads()
    {
        var worker = Pairs.Worker with
        {
            Categories = ["povertyAlleviated", "studentIntern"],
            Skills =
            [
                new() { Trade = "welder", Level = "senior", Certificates = ["焊工证"] },
                new() { Trade = "electrician", Level = "junior", Certificates = [] },
            ],
            DesiredDistricts = ["songjiang", "minhang"],
        };

        var summary = WorkerSummary.From(worker);

        Assert.Equal("w-1", summary.WorkerId);
        Assert.Equal(["welder", "electrician"], summary.Skills.Select(s => s.Trade));
        Assert.Equal([2, 0], summary.Skills.Select(s => (int)s.LevelRank));
        Assert.Equal(1, summary.SkillIndexOf("electrician"));
        Assert.Equal(-1, summary.SkillIndexOf("cook"));
        Assert.True(summary.IsPovertyAlleviated && summary.IsStudentIntern && summary.NeedsLodging);
        Assert.Equal((6000, Pairs.Start), (summary.MinWage, summary.AvailableFrom));
        Assert.Equal(0, summary.PreferenceOf(DistrictIndex.Of("songjiang")));
        Assert.Equal(1, summary.PreferenceOf(DistrictIndex.Of("minhang")));
        Assert.Equal(-1, summary.PreferenceOf(DistrictIndex.Of("pudong")));
        Assert.False(summary.Accepts(DistrictIndex.Of("pudong")));
    }

    [Fact]
    public void Sixteen_desired_districts_keep_their_order()
    {
        var reversed = DistrictIndex.Codes.Reverse().ToArray();

        var summary = WorkerSummary.From(Pairs.Worker with { DesiredDistricts = reversed });

        Assert.Equal(ushort.MaxValue, summary.DesiredDistricts);
        Assert.Equal(Enumerable.Range(0, 16), reversed.Select(code => summary.PreferenceOf(DistrictIndex.Of(code))));
    }

    [Fact]
    public void A_job_summary_keeps_what_scoring_reads()
    {
        var job = Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] };

        var summary = JobSummary.From(job);

        Assert.Equal(("j-1", "e-1", "welder"), (summary.JobOrderId, summary.EmployerId, summary.Trade));
        Assert.Equal(1, summary.MinLevelRank);
        Assert.Equal(["焊工证"], summary.RequiredCertificates.ToArray());
        Assert.Equal([TextKey.Of("焊工证")], summary.RequiredCertificateKeys.ToArray());
        Assert.Equal((6500, 7500), (summary.WageMin, summary.WageMax));
        Assert.Equal(DistrictIndex.Of("minhang"), summary.District);
        Assert.Equal(Pairs.Start, summary.StartDate);
        Assert.True(summary.ProvidesHousing);
        Assert.False(summary.AcceptsInterns);
        Assert.Equal(["临沧技师学院"], summary.PartnerProgrammes.ToArray());
    }

    [Fact]
    public void Summaries_of_equal_profiles_are_equal_and_a_change_shows()
    {
        Assert.Equal(WorkerSummary.From(Pairs.Worker), WorkerSummary.From(Pairs.Worker with { }));
        Assert.Equal(WorkerSummary.From(Pairs.Worker).GetHashCode(), WorkerSummary.From(Pairs.Worker with { }).GetHashCode());
        Assert.NotEqual(WorkerSummary.From(Pairs.Worker), WorkerSummary.From(Pairs.Worker.WithSkill("welder", "intermediate", "电工证")));
        Assert.Equal(JobSummary.From(Pairs.Job), JobSummary.From(Pairs.Job with { }));
        Assert.NotEqual(JobSummary.From(Pairs.Job), JobSummary.From(Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] }));
    }

    [Fact]
    public void A_profile_without_an_id_cannot_be_summarised()
    {
        Assert.Throws<ArgumentException>(() => WorkerSummary.From(Pairs.Worker with { Id = null }));
        Assert.Throws<ArgumentException>(() => JobSummary.From(Pairs.Job with { Id = null }));
    }

    [Fact]
    public void The_district_numbering_covers_the_reference_districts()
    {
        Assert.Equal(ReferenceData.Districts.Keys.Order(), DistrictIndex.Codes.Order());
        Assert.Equal(-1, DistrictIndex.Of("paris"));
    }

    [Fact]
    public void Text_keys_ignore_case_and_tell_texts_apart()
    {
        Assert.Equal(TextKey.Of("IPC-A-610"), TextKey.Of("ipc-a-610"));
        Assert.NotEqual(TextKey.Of("焊工证"), TextKey.Of("电工证"));
    }

    [Fact]
    public void A_full_worker_summary_takes_well_under_a_kilobyte()
    {
        // Five trades with five certificates each, every district and five programmes: the most a valid
        // profile asks for in practice. Bytes allocated by From bound what the summary keeps.
        var worker = Pairs.Worker with
        {
            Skills = [.. new[] { "welder", "fitter", "electrician", "machinist", "construction" }.Select(trade => new WorkerSkill
            {
                Trade = trade,
                Level = "senior",
                Certificates = [.. Enumerable.Range(1, 5).Select(i => $"{trade}-证书{i}")],
            })],
            DesiredDistricts = [.. DistrictIndex.Codes],
            Programmes = [.. Enumerable.Range(1, 5).Select(i => $"项目{i}")],
        };
        WorkerSummary.From(worker);

        var before = GC.GetAllocatedBytesForCurrentThread();
        WorkerSummary.From(worker);
        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(bytes, 1, 1024);
    }

    [Fact]
    public void Summaries_and_results_survive_the_orleans_serializer()
    {
        using var services = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(WorkerSummary).Assembly))
            .BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var worker = WorkerSummary.From(Pairs.Worker with { Categories = ["povertyAlleviated"] });
        var job = JobSummary.From(Pairs.Job with { PartnerProgrammes = ["临沧技师学院"] });
        var options = new ScoringOptions();

        var workerCopy = RoundTrip(serializer, worker);
        var jobCopy = RoundTrip(serializer, job);
        var match = RoundTrip(serializer, MatchScorer.CreateMatch(worker, job, options)!);
        var explanation = RoundTrip(serializer, MatchScorer.Explain(worker, job with { WageMax = 5000 }, options));

        Assert.Equal(worker, workerCopy);
        Assert.Equal(job, jobCopy);
        Assert.Equal(job.PartnerProgrammeKeys.ToArray(), jobCopy.PartnerProgrammeKeys.ToArray());
        Assert.Equal(MatchScorer.CreateMatch(workerCopy, jobCopy, options), match);
        Assert.True(match.Partner && match.Priority);
        Assert.Equal("wage", explanation.FailedFilters.Single().Code);
    }

    private static T RoundTrip<T>(Serializer serializer, T value) => serializer.Deserialize<T>(serializer.SerializeToArray(value))!;
}
