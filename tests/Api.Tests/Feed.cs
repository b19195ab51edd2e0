using Matching.Feeds;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Api.Tests;

/// <summary>Reads a push channel straight from its feed grain, as the hubs will.</summary>
internal static class Feed
{
    /// <summary>
    /// The channel's events once one matches <paramref name="until"/>. Publishing is one-way, so the event
    /// may land a moment after the HTTP answer; this waits for it, up to a bound, instead of sleeping.
    /// </summary>
    public static async Task<FeedEvent[]> EventsAsync(ApiFactory factory, FeedChannel channel, Func<FeedEvent, bool> until)
    {
        var feed = factory.Services.GetRequiredService<IGrainFactory>().Feed(channel);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var page = await feed.ReadSinceAsync(null, 0);
            if (page.Events.Any(until) || timeout.IsCancellationRequested)
            {
                return page.Events;
            }

            await Task.Delay(20, CancellationToken.None);
        }
    }
}
