using Matching.Lodging;

namespace Matching.Workload;

/// <summary>Lodging sites in Jiading's towns whose beds add up exactly to the requested total.</summary>
internal static class LodgingSiteFactory
{
    public static IReadOnlyList<GeneratedLodgingSite> Create(WorkloadOptions options)
    {
        var random = WorkloadRandom.For(options.Seed, WorkloadStream.LodgingSites);
        var beds = BedCounts(random, options);
        var sitesPerTown = new Dictionary<JiadingTown, int>();
        var sites = new List<GeneratedLodgingSite>(options.LodgingSites);
        for (var i = 0; i < options.LodgingSites; i++)
        {
            // Every town gets a site before any gets a second, as in the article (19 sites, 12 towns).
            var town = i < JiadingTowns.All.Count ? JiadingTowns.All[i] : random.Pick(JiadingTowns.All);
            var ordinal = sitesPerTown[town] = sitesPerTown.GetValueOrDefault(town) + 1;
            var profile = new LodgingSiteProfile
            {
                Id = WorkloadIds.LodgingSite(i + 1),
                Name = ordinal == 1 ? $"有“嘉”客栈·{town.ShortName}店" : $"有“嘉”客栈·{town.ShortName}{ordinal}号店",
                District = JiadingTowns.District,
                Town = town.Name,
                Address = $"嘉定区{town.Name}{town.Road}{random.Next(1, 1000)}号",
            };
            sites.Add(new GeneratedLodgingSite(profile, beds[i]));
        }

        return sites;
    }

    /// <summary>
    /// Each site draws uniformly from what still lets the remaining sites stay within their bounds,
    /// so the last site lands the total exactly; a shuffle then spreads the large draws over the sites.
    /// </summary>
    private static int[] BedCounts(Random random, WorkloadOptions options)
    {
        var counts = new int[options.LodgingSites];
        var remaining = options.Beds;
        for (var i = 0; i < counts.Length; i++)
        {
            var after = counts.Length - i - 1;
            var low = Math.Max(options.MinBedsPerSite, remaining - (after * options.MaxBedsPerSite));
            var high = Math.Min(options.MaxBedsPerSite, remaining - (after * options.MinBedsPerSite));
            counts[i] = random.Next(low, high + 1);
            remaining -= counts[i];
        }

        random.Shuffle(counts);
        return counts;
    }
}

/// <summary>A generated lodging site and how many beds to add to it.</summary>
public sealed record GeneratedLodgingSite(LodgingSiteProfile Profile, int Beds);
