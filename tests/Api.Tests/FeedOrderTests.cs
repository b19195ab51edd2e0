using Matching.Api.Hubs;
using Matching.Feeds;
using Matching.Index;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Api.Tests;

/// <summary>
/// A channel's events reach an API node in any order in the cluster profile: the feed's silo sends each notification
/// to the node through one of the gateways the node is connected to, drawn per message, so two notifications can
/// overtake each other. The node still pushes every event of an epoch in seq order, none skipped.
/// </summary>
public sealed class FeedOrderTests
{
    private static readonly string[] _recruiterEvents = ["CandidateFound", "CandidateWithdrawn", "CandidateRankChanged", "HoldChanged", "Hired"];

    [Fact]
    public async Task Notifications_that_overtake_each_other_are_pushed_in_seq_order()
    {
        await using var factory = new ApiFactory();
        var staff = factory.Client(Caller.Staff);
        var (employer, order) = await Entities.OrderAsync(staff);
        await using var screen = await HubClient.ConnectAsync(factory, "/hubs/recruiter", Caller.Staff, _recruiterEvents);
        var joined = await screen.InvokeAsync("JoinEmployer", employer);
        var epoch = joined.GetProperty("epoch").GetString()!;
        var latest = joined.GetProperty("latestSeq").GetInt64();

        // As the feed would send them, but the second one first.
        var relay = factory.Services.GetRequiredService<FeedRelay>();
        var channel = FeedChannel.Employer(employer).Name;
        relay.OnEvents([new ChannelEvents(channel, [Withdrawn(order, epoch, latest + 2, "w-2")])]);
        relay.OnEvents([new ChannelEvents(channel, [Withdrawn(order, epoch, latest + 1, "w-1")])]);

        await screen.WaitForSeqAsync(latest + 2);
        Assert.Equal([latest + 1, latest + 2], screen.Received.Select(r => r.Event.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public void An_event_that_never_comes_is_read_from_the_feed_once_the_next_has_waited()
    {
        var order = new ChannelOrder(capacity: 16);
        order.Seed("e1", 0);
        Assert.Equal([1L], Seqs(order.Accept(Withdrawn("job", "e1", 1, "w-1"), now: 0)));
        Assert.Empty(order.Accept(Withdrawn("job", "e1", 3, "w-3"), now: 10));

        Assert.Null(order.TakeOverdue(now: 10 + 100));
        Assert.Equal(("e1", 1L), order.TakeOverdue(now: 10 + (long)ChannelOrder.Wait.TotalMilliseconds));
        Assert.Null(order.TakeOverdue(now: 1000));

        var buffered = new FeedPage("e1", 3, Gap: false, [Withdrawn("job", "e1", 2, "w-2"), Withdrawn("job", "e1", 3, "w-3")]);
        Assert.Equal([2L, 3L], Seqs(order.Fill("e1", buffered)));

        // The lost notification turns up after all: pushed already.
        Assert.Empty(order.Accept(Withdrawn("job", "e1", 2, "w-2"), now: 1000));
        Assert.Equal(("e1", 3L), order.Position);
    }

    [Fact]
    public void What_the_buffer_no_longer_holds_is_skipped_and_a_new_epoch_is_taken_as_it_comes()
    {
        var order = new ChannelOrder(capacity: 16);
        order.Seed("e1", 5);
        Assert.Empty(order.Accept(Withdrawn("job", "e1", 8, "w-8"), now: 0));
        Assert.NotNull(order.TakeOverdue(now: 1000));
        Assert.Equal([8L], Seqs(order.Fill("e1", new FeedPage("e1", 8, Gap: true, []))));

        // The feed started over elsewhere; a late event of its earlier life changes nothing.
        Assert.Equal([4L], Seqs(order.Accept(Withdrawn("job", "e2", 4, "w-4"), now: 1000)));
        Assert.Empty(order.Accept(Withdrawn("job", "e1", 9, "w-9"), now: 1000));
        Assert.Equal([5L], Seqs(order.Accept(Withdrawn("job", "e2", 5, "w-5"), now: 1000)));
    }

    [Fact]
    public void Joins_that_read_the_feed_at_different_places_start_the_channel_at_the_earliest()
    {
        var order = new ChannelOrder(capacity: 16);
        order.Seed("e1", 7);
        order.Seed("e1", 5);
        Assert.Equal([6L, 7L], Seqs([.. order.Accept(Withdrawn("job", "e1", 6, "w-6"), 0), .. order.Accept(Withdrawn("job", "e1", 7, "w-7"), 0)]));

        // Once it pushed, a join's read no longer moves it back.
        order.Seed("e1", 6);
        Assert.Equal(("e1", 7L), order.Position);
    }

    private static long[] Seqs(IEnumerable<FeedEvent> events) => [.. events.Select(e => e.Seq)];

    private static CandidateWithdrawn Withdrawn(string order, string epoch, long seq, string worker) =>
        new() { JobOrderId = order, WorkerId = worker, Reason = WithdrawalReasons.Withdrawn, Epoch = epoch, Seq = seq, OccurredAt = DateTimeOffset.UtcNow };
}
