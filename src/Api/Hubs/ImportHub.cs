using System.Collections.Concurrent;
using Matching.Feeds;
using Matching.Imports;
using Microsoft.AspNetCore.SignalR;

namespace Matching.Api.Hubs;

/// <summary>What a page watching an import receives: its progress, as a whole each time.</summary>
public interface IImportClient
{
    Task ImportProgress(ImportProgress progress);
}

/// <summary>
/// <c>/hubs/import</c>: staff watch an import's progress (rows done, failed, rate). <c>JoinImport(importId)</c>
/// answers the progress as it stands, then <c>ImportProgress</c> arrives as the run goes. Progress is state, not a
/// log: each push carries every counter and a <c>version</c>, so a page keeps the newest and needs no replay.
/// </summary>
public sealed class ImportHub(ImportProgressRelay relay) : Hub<IImportClient>
{
    public Task<ImportProgress> JoinImport(string importId) =>
        relay.JoinAsync(HubArguments.Id(importId, nameof(importId)), Context.ConnectionId);

    public Task LeaveImport(string importId) =>
        relay.LeaveAsync(HubArguments.Id(importId, nameof(importId)), Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => relay.DisconnectedAsync(Context.ConnectionId);
}

/// <summary>
/// Relays imports' progress from their grains to the connections watching them on this API node: one grain observer
/// for the node, subscribed to each watched import and renewed before the grain's lease on it lapses.
/// </summary>
public sealed class ImportProgressRelay(
    IGrainFactory grains,
    IHubContext<ImportHub, IImportClient> hub,
    ILogger<ImportProgressRelay> logger) : BackgroundService, IImportObserver
{
    /// <summary>Well inside the two minutes an import keeps an observer that does not renew.</summary>
    private static readonly TimeSpan _renewEvery = TimeSpan.FromSeconds(40);

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _watchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _joined = new(StringComparer.Ordinal);
    private readonly Lock _creating = new();
    private IImportObserver? _reference;

    /// <summary>
    /// The connection joins the import's group before the subscription is made, so no push after the answer's state is
    /// missed; a push that overtakes the answer is older or newer by its version, and the page keeps the newer.
    /// </summary>
    public async Task<ImportProgress> JoinAsync(string importId, string connectionId)
    {
        await hub.Groups.AddToGroupAsync(connectionId, GroupOf(importId));
        try
        {
            var progress = await grains.GetGrain<IWorkerImportGrain>(importId).SubscribeAsync(Reference);
            _watchers.GetOrAdd(importId, _ => new(StringComparer.Ordinal))[connectionId] = 0;
            _joined.GetOrAdd(connectionId, _ => new(StringComparer.Ordinal))[importId] = 0;
            return progress;
        }
        catch
        {
            await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(importId));
            throw;
        }
    }

    public async Task LeaveAsync(string importId, string connectionId)
    {
        await hub.Groups.RemoveFromGroupAsync(connectionId, GroupOf(importId));
        if (_joined.TryGetValue(connectionId, out var imports))
        {
            imports.TryRemove(importId, out _);
        }

        if (_watchers.TryGetValue(importId, out var connections) && connections.TryRemove(connectionId, out _) && connections.IsEmpty)
        {
            _watchers.TryRemove(importId, out _);
            await UnsubscribeAsync(importId);
        }
    }

    public async Task DisconnectedAsync(string connectionId)
    {
        if (_joined.TryRemove(connectionId, out var imports))
        {
            foreach (var importId in imports.Keys)
            {
                await LeaveAsync(importId, connectionId);
            }
        }
    }

    /// <summary>Called by the grains, on their thread: hand the push to SignalR and return.</summary>
    public void OnProgress(ImportProgress progress) =>
        hub.Clients.Group(GroupOf(progress.ImportId)).ImportProgress(progress).ContinueWith(
            t => logger.LogDebug(t.Exception, "Could not push the progress of import {Import}", progress.ImportId),
            TaskContinuationOptions.OnlyOnFaulted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_renewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var importId in _watchers.Keys)
            {
                try
                {
                    await grains.GetGrain<IWorkerImportGrain>(importId).SubscribeAsync(Reference);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not renew the subscription to import {Import}; the next renewal tries again", importId);
                }
            }
        }
    }

    private static string GroupOf(string importId) => $"import:{importId}";

    /// <summary>One reference for the node's life, kept here so it is not collected while grains hold it.</summary>
    private IImportObserver Reference
    {
        get
        {
            lock (_creating)
            {
                return _reference ??= grains.CreateObjectReference<IImportObserver>(this);
            }
        }
    }

    private async Task UnsubscribeAsync(string importId)
    {
        try
        {
            await grains.GetGrain<IWorkerImportGrain>(importId).UnsubscribeAsync(Reference);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The grain's lease on the observer lapses by itself.
            logger.LogDebug(e, "Could not unsubscribe from import {Import}", importId);
        }
    }
}

/// <summary>The import hub's registration: its relay as a service and as the renewal loop.</summary>
public static class ImportHubHosting
{
    public static IServiceCollection AddImportProgress(this IServiceCollection services)
    {
        services.AddSingleton<ImportProgressRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<ImportProgressRelay>());
        return services;
    }
}
