using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Matching.Browser.Tests;

/// <summary>
/// The page's link to the hubs, with a switch: <see cref="DropAsync"/> cuts the open sockets and refuses new
/// connections, as a lost network would; <see cref="Restore"/> lets the page's own reconnect get through.
/// </summary>
internal sealed partial class HubLink
{
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
    private readonly Lock _gate = new();
    private volatile bool _down;

    public static async Task<HubLink> InstallAsync(IPage page)
    {
        var link = new HubLink();
        await page.RouteWebSocketAsync(HubUrl(), link.Accept);
        await page.RouteAsync(Negotiate(), route => link._down ? route.AbortAsync("connectionrefused") : route.ContinueAsync());
        return link;
    }

    public async Task DropAsync()
    {
        _down = true;
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (page, server) in open)
        {
            await page.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "network lost" });
            await server.CloseAsync();
        }
    }

    public void Restore() => _down = false;

    private void Accept(IWebSocketRoute socket)
    {
        if (_down)
        {
            _ = socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "network lost" });
            return;
        }

        var server = socket.ConnectToServer();
        lock (_gate)
        {
            _open.Add((socket, server));
        }
    }

    [GeneratedRegex("/hubs/")]
    private static partial Regex HubUrl();

    [GeneratedRegex("/hubs/[a-z]+/negotiate")]
    private static partial Regex Negotiate();
}
