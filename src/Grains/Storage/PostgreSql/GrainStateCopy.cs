using System.Text.Json;
using Npgsql;
using Orleans.Storage;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// The one-off move from schema version 1, whose grain state lived in a table of its own (<c>grain_state</c>:
/// state name, key, JSON payload), into the provider's <c>orleans_storage</c>. The JSON is the same, so each row
/// is written through the provider as it stands; the old table is left for the operator to drop.
/// </summary>
public static class GrainStateCopy
{
    /// <summary>What a copy did: rows written, and rows the new table already had (left as they are).</summary>
    public readonly record struct Result(int Copied, int AlreadyPresent);

    /// <summary>Copies every row of <c>grain_state</c>; a database without that table has nothing to copy.</summary>
    /// <remarks>Run it before the silos start over the new schema, or state written since would be kept over the copy.</remarks>
    public static async Task<Result> RunAsync(string connectionString, AdoNetStateStore target, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var exists = dataSource.CreateCommand("SELECT to_regclass('grain_state') IS NOT NULL"))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new Result(0, 0);
            }
        }

        var (copied, present) = (0, 0);
        await using var rows = dataSource.CreateCommand("SELECT state_name, grain_key, payload::text FROM grain_state ORDER BY state_name, grain_key");
        await using var reader = await rows.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            // The payload goes over as the JSON it is: no type of the product is needed to move it.
            using var payload = JsonDocument.Parse(reader.GetString(2));
            var state = new GrainState<JsonElement>(payload.RootElement);
            try
            {
                await target.WriteStateAsync(reader.GetString(0), GrainId.Create("copy", reader.GetString(1)), state);
                copied++;
            }
            catch (InconsistentStateException)
            {
                present++;
            }
        }

        return new Result(copied, present);
    }
}
