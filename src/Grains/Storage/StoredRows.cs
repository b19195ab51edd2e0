using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Matching.Storage;

/// <summary>
/// What every store of the product does the same way with a row: one JSON payload per grain state,
/// an integer ETag (as Orleans carries it, a string), the refusal of a stale one, and reading rows in a scan.
/// </summary>
internal static class StoredRows
{
    /// <summary>The row's key: the grain's key, without its type, so a scan returns entity ids.</summary>
    public static string KeyOf(GrainId grainId) => grainId.Key.ToString()!;

    public static long? ParseETag(string? etag) => etag is null ? null : long.Parse(etag, CultureInfo.InvariantCulture);

    /// <summary>Reads the row a command selects as <c>(etag, payload)</c> into the state, or "no row" when there is none.</summary>
    public static async Task ReadAsync<T>(DbCommand command, IGrainState<T> grainState)
    {
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            Found(grainState, reader.GetInt64(0), reader.GetString(1));
        }
        else
        {
            Missing(grainState);
        }
    }

    /// <summary>The rows a command selects as <c>(grain_key, payload)</c>, in the command's order.</summary>
    public static async IAsyncEnumerable<(string Key, T State)> ScanAsync<T>(
        DbCommand command, string stateName, ILogger logger, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var key = reader.GetString(0);
            if (TryRead<T>(stateName, key, reader.GetString(1), logger, out var state))
            {
                yield return (key, state);
            }
        }
    }

    private static void Found<T>(IGrainState<T> grainState, long etag, string payload)
    {
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.State = StateJson.Deserialize<T>(payload);
        grainState.RecordExists = true;
    }

    /// <summary>Records a successful write.</summary>
    public static void Written<T>(IGrainState<T> grainState, long etag)
    {
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <summary>Resets the state to "no row": after a read that found nothing, or a clear.</summary>
    public static void Missing<T>(IGrainState<T> grainState)
    {
        grainState.ETag = null;
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
    }

    public static InconsistentStateException StaleWrite(string stateName, string key, string? etag) =>
        new($"Stale ETag writing {stateName}/{key}: expected {etag ?? "no row"}.", storedEtag: "unknown", currentEtag: etag ?? "");

    public static InconsistentStateException StaleClear(string stateName, string key, string? etag) =>
        new($"Stale ETag clearing {stateName}/{key}.", storedEtag: "unknown", currentEtag: etag ?? "");

    /// <summary>
    /// Reads one scanned row. One unreadable row must not stop a rebuild of everything else,
    /// so it is logged and skipped instead of thrown.
    /// </summary>
    private static bool TryRead<T>(string stateName, string key, string payload, ILogger logger, [MaybeNullWhen(false)] out T state)
    {
        try
        {
            state = StateJson.Deserialize<T>(payload);
            return true;
        }
        catch (JsonException ex)
        {
            logger.LogError(ex, "Skipping unreadable {StateName} state {Key}", stateName, key);
            state = default;
            return false;
        }
    }
}
