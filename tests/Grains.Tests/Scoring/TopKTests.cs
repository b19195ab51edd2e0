using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Matching.Scoring;

namespace Matching.Tests.Scoring;

public sealed class TopKTests
{
    [Fact]
    public void Keeps_the_best_in_rank_order_and_reports_the_evicted()
    {
        var top = NewTopK(2);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 70));

        var change = top.Upsert(Candidate("w-c", 60));

        Assert.Equal(new RankChange<Match>(RankOutcome.Added, -1, 1, true, Candidate("w-a", 50)), change);
        Assert.Equal(["w-b", "w-c"], Ids(top));
    }

    [Fact]
    public void Rejects_a_newcomer_below_a_full_list()
    {
        var top = NewTopK(2);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 70));

        Assert.Equal(RankOutcome.Rejected, top.Upsert(Candidate("w-c", 40)).Outcome);
        Assert.Equal(["w-b", "w-a"], Ids(top));
        Assert.False(top.Contains("w-c"));
    }

    [Fact]
    public void An_upsert_moves_a_listed_item_to_its_new_rank()
    {
        var top = NewTopK(3);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 70));
        top.Upsert(Candidate("w-c", 60));

        var change = top.Upsert(Candidate("w-a", 90));

        Assert.Equal((RankOutcome.Updated, 2, 0), (change.Outcome, change.PreviousRank, change.Rank));
        Assert.Equal(["w-a", "w-b", "w-c"], Ids(top));
        Assert.Equal(0, top.RankOf("w-a"));
        Assert.True(top.TryGet("w-a", out var item) && item.Score == 90);
    }

    [Fact]
    public void Remove_takes_an_item_out_by_id()
    {
        var top = NewTopK(3);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 70));

        Assert.True(top.Remove("w-b"));
        Assert.False(top.Remove("w-b"));
        Assert.Equal(["w-a"], Ids(top));
        Assert.Equal(-1, top.RankOf("w-b"));
        Assert.False(top.NeedsRefill);
    }

    [Fact]
    public void Removing_from_a_list_that_dropped_something_asks_for_a_refill()
    {
        var top = NewTopK(1);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 40));

        top.Remove("w-a");

        Assert.True(top.NeedsRefill);
        top.Clear();
        Assert.False(top.NeedsRefill);
        Assert.Equal(0, top.Count);
    }

    [Fact]
    public void Moving_an_item_down_into_the_last_place_after_a_drop_asks_for_a_refill()
    {
        var top = NewTopK(2);
        top.Upsert(Candidate("w-a", 50));
        top.Upsert(Candidate("w-b", 70));
        top.Upsert(Candidate("w-c", 40));

        top.Upsert(Candidate("w-b", 60));
        Assert.False(top.NeedsRefill);
        top.Upsert(Candidate("w-b", 30));
        Assert.True(top.NeedsRefill);
    }

    [Fact]
    public void Enumerates_in_rank_order()
    {
        var top = NewTopK(5);
        foreach (var (id, score) in new[] { ("w-a", 1), ("w-b", 3), ("w-c", 2) })
        {
            top.Upsert(Candidate(id, score));
        }

        var ids = new List<string>();
        foreach (var match in top)
        {
            ids.Add(match.WorkerId);
        }

        Assert.Equal(["w-b", "w-c", "w-a"], ids);
        Assert.Equal("w-c", top[1].WorkerId);
        Assert.Throws<ArgumentOutOfRangeException>(() => top[3]);
    }

    [Fact]
    public void Capacity_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewTopK(0));
    }

    [Property(MaxTest = 300)]
    public Property Inserts_in_any_order_give_the_same_list_without_refills() =>
        Prop.ForAll(
            (from capacity in Gen.Choose(1, 6)
             from ranks in Gen.ListOf(ScoringGen.Rank(maxScore: 4))
             let items = ranks.DistinctBy(r => r.Id).Select(r => new Match(r.Id, "j-1", r.Score, r.Partner, r.Priority, [])).ToArray()
             from first in Gen.Shuffle(items)
             from second in Gen.Shuffle(items)
             select (capacity, items, first, second)).ToArbitrary(),
            t =>
            {
                var expected = Best(t.items, t.capacity);
                var a = NewTopK(t.capacity);
                var b = NewTopK(t.capacity);
                foreach (var item in t.first)
                {
                    a.Upsert(item);
                }

                foreach (var item in t.second)
                {
                    b.Upsert(item);
                }

                return !a.NeedsRefill && !b.NeedsRefill && a.ToArray().SequenceEqual(expected) && b.ToArray().SequenceEqual(expected);
            });

    [Property(MaxTest = 500)]
    public Property Any_interleaving_of_upserts_and_removes_ends_in_the_same_list() =>
        Prop.ForAll(
            Histories().ToArbitrary(),
            t =>
            {
                var (capacity, first, second) = t;
                var a = Replay(capacity, first);
                var b = Replay(capacity, second);
                return a.Consistent && b.Consistent && a.List.SequenceEqual(b.List) && a.List.SequenceEqual(a.Expected);
            });

    /// <summary>
    /// Per id, a history of upserts (score set) and removes (score null); two random interleavings of the
    /// same histories, each keeping every id's own order, so both end with the same live items.
    /// </summary>
    private static Gen<(int Capacity, Op[] First, Op[] Second)> Histories() =>
        from capacity in Gen.Choose(1, 5)
        from idCount in Gen.Choose(1, 10)
        from histories in Gen.CollectToArray(Enumerable.Range(0, idCount), History)
        let slots = histories.SelectMany((ops, i) => Enumerable.Repeat(i, ops.Length)).ToArray()
        from first in Gen.Shuffle(slots)
        from second in Gen.Shuffle(slots)
        select (capacity, Interleave(histories, first), Interleave(histories, second));

    private static Gen<Op[]> History(int id) =>
        from length in Gen.Choose(1, 4)
        from ops in Gen.ArrayOf(
            Gen.Frequency(
                (3, from rank in ScoringGen.Rank(maxScore: 4) select new Op($"w-{id:D2}", rank.Score, rank.Partner, rank.Priority)),
                (1, Gen.Constant(new Op($"w-{id:D2}", null, false, false)))),
            length)
        select ops;

    private static Op[] Interleave(Op[][] histories, int[] order)
    {
        var next = new int[histories.Length];
        return [.. order.Select(i => histories[i][next[i]++])];
    }

    /// <summary>
    /// Applies the ops as an owner would: it keeps the live items and refills the list when asked.
    /// Checks after every op that the list holds only live items in rank order, and is exact unless it asks for a refill.
    /// </summary>
    private static (Match[] List, Match[] Expected, bool Consistent) Replay(int capacity, Op[] ops)
    {
        var top = NewTopK(capacity);
        var live = new Dictionary<string, Match>();
        var consistent = true;
        foreach (var op in ops)
        {
            if (op.Score is { } score)
            {
                var match = new Match(op.Id, "j-1", score, op.Partner, op.Priority, []);
                live[op.Id] = match;
                top.Upsert(match);
            }
            else
            {
                live.Remove(op.Id);
                top.Remove(op.Id);
            }

            var list = top.ToArray();
            consistent &= list.Length <= capacity
                && list.All(m => live.TryGetValue(m.WorkerId, out var current) && ReferenceEquals(current, m))
                && list.SequenceEqual(list.OrderBy(m => m.CandidateRank()))
                && (top.NeedsRefill || list.SequenceEqual(Best(live.Values, capacity)));

            if (top.NeedsRefill)
            {
                top.Clear();
                foreach (var match in live.Values)
                {
                    top.Upsert(match);
                }
            }
        }

        return (top.ToArray(), Best(live.Values, capacity), consistent);
    }

    private static Match[] Best(IEnumerable<Match> items, int capacity) =>
        [.. items.OrderBy(m => m.CandidateRank()).Take(capacity)];

    private static TopK<Match> NewTopK(int capacity) => new(capacity, MatchRanks.ByCandidateRank, m => m.WorkerId);

    private static Match Candidate(string id, int score) => new(id, "j-1", score, false, false, []);

    private static string[] Ids(TopK<Match> top) => [.. top.ToArray().Select(m => m.WorkerId)];

    private sealed record Op(string Id, int? Score, bool Partner, bool Priority);
}
