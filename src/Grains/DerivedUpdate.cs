using Matching.Catalog;
using Matching.Feeds;

namespace Matching;

/// <summary>
/// A change to state derived from an entity's stored state: its catalog entry, its place in the match index, an event
/// on a feed. Run by <see cref="EntityGrainExtensions.WriteAndDeriveAsync{TState}"/> after the write it derives from,
/// each one on its own: a failure is logged with the grain's kind and id and never fails the caller, because the
/// write stands and <see cref="CatchUp"/> says what brings the derived state back in line with the store.
/// </summary>
/// <param name="Target">What is told, for the log: "catalog", "match index", "feed".</param>
/// <param name="CatchUp">What repairs a miss, for the log; each factory names a mechanism that exists.</param>
/// <param name="Run">The update itself.</param>
/// <param name="Background">Started and not waited for: the caller is answered before the update is done.</param>
public readonly record struct DerivedUpdate(string Target, string CatchUp, Func<Task> Run, bool Background = false)
{
    /// <summary>
    /// The entity's entry in its kind's catalog. A miss is repaired by the entity's next write (entries are sent
    /// whole) and by the catalog's rebuild from the store whenever it activates: after a restart, a move to another
    /// silo, an idle collection, or another silo's death (see <see cref="SiloDeathRebuild"/>). Until then the
    /// consistency check shows the gap.
    /// </summary>
    public static DerivedUpdate Catalog(IGrainFactory grains, string kind, CatalogEntry entry) =>
        new("catalog", "the entity's next write and the catalog's rebuild on activation", () => grains.GetGrain<ICatalogGrain>(kind).UpsertAsync(entry));

    /// <summary>
    /// The entity's place in the index shards of its trades. A miss is repaired by the entity's next change (the
    /// summary is sent whole) and by each shard's rebuild from the store whenever it activates (also after another
    /// silo's death); until then the consistency check shows the gap.
    /// </summary>
    public static DerivedUpdate Index(Func<Task> change) =>
        new("match index", "the entity's next change and the shard's rebuild on activation", change);

    /// <summary>
    /// Events on a push channel. A missed event leaves no gap in the channel's numbers (it was never stamped), so
    /// screens catch up from the next event of the channel, which carries whole figures (board totals, bed
    /// counts, open slots), and from the snapshot a screen reads when it joins or rejoins.
    /// </summary>
    public static DerivedUpdate Feed(IGrainFactory grains, FeedChannel channel, params FeedEvent[] events) =>
        Feed(() => events.Length == 0 ? Task.CompletedTask : grains.Feed(channel).PublishAsync(events));

    /// <inheritdoc cref="Feed(IGrainFactory, FeedChannel, FeedEvent[])"/>
    public static DerivedUpdate Feed(Func<Task> publish) =>
        new("feed", "the channel's next event and the snapshot a screen reads when it joins", publish);

    /// <summary>The same update, started after the write but not waited for.</summary>
    public DerivedUpdate InBackground() => this with { Background = true };
}
