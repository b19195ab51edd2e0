using Matching.Feeds;

namespace Matching.LoadDriver;

/// <summary>
/// One observer subscribed to many feeds, renewed every 20 s: a feed forgets a subscriber that has not
/// renewed within 60 s. Holds the observer object strongly, since the runtime keeps only a weak reference.
/// </summary>
public sealed class FeedSubscriptions : IAsyncDisposable
{
    private static readonly TimeSpan _renewEvery = TimeSpan.FromSeconds(20);

    private readonly IGrainFactory _grains;
    private readonly IFeedObserver _observer;
    private readonly IFeedObserver _reference;
    private readonly IReadOnlyList<FeedChannel> _channels;
    private readonly CancellationTokenSource _stop = new();
    private Task _renewing = Task.CompletedTask;

    private FeedSubscriptions(IGrainFactory grains, IFeedObserver observer, IReadOnlyList<FeedChannel> channels)
    {
        _grains = grains;
        _observer = observer;
        _reference = grains.CreateObjectReference<IFeedObserver>(observer);
        _channels = channels;
    }

    public static async Task<FeedSubscriptions> StartAsync(IGrainFactory grains, IFeedObserver observer, IReadOnlyList<FeedChannel> channels)
    {
        var subscriptions = new FeedSubscriptions(grains, observer, channels);
        await subscriptions.SubscribeAllAsync();
        subscriptions._renewing = subscriptions.RenewAsync();
        return subscriptions;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        await Task.WhenAll(_channels.Select(c => _grains.Feed(c).UnsubscribeAsync(_reference)));
        _grains.DeleteObjectReference<IFeedObserver>(_reference);
        GC.KeepAlive(_observer);
        _stop.Dispose();
    }

    private Task SubscribeAllAsync() => Task.WhenAll(_channels.Select(c => _grains.Feed(c).SubscribeAsync(_reference)));

    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_renewEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SubscribeAllAsync();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }
}
