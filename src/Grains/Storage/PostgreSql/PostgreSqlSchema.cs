using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Matching.Storage.PostgreSql;

/// <summary>
/// Applies schema.sql (embedded in this assembly): the grain state table and what Orleans' ADO.NET clustering
/// and reminders need. The script is idempotent; this class adds a lock so silos starting together apply it
/// one at a time, and a fingerprint so a start over an up-to-date schema runs no DDL.
/// </summary>
public static class PostgreSqlSchema
{
    private const string ResourceName = "Matching.Storage.PostgreSql.schema.sql";

    // Any constant shared by every process of the product; it names the advisory lock, nothing else.
    private const long LockKey = 0x4D61_7463_6869_6E67; // "Matching"

    private static readonly Lazy<string> _script = new(ReadScript);

    /// <summary>The text of schema.sql, as shipped in this build.</summary>
    public static string Script => _script.Value;

    /// <summary>The SHA-256 of <see cref="Script"/>, recorded in <c>matching_schema</c> once applied.</summary>
    public static string Fingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_script.Value)));

    /// <summary>Applies the script unless the database already has this very version; true when it ran.</summary>
    public static Task<bool> EnsureAsync(string connectionString, CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, force: false, cancellationToken);

    /// <summary>Applies the script whatever the database holds (it is idempotent), for the explicit command.</summary>
    public static Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default) =>
        RunAsync(connectionString, force: true, cancellationToken);

    private static async Task<bool> RunAsync(string connectionString, bool force, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (!force && await IsCurrentAsync(connection, cancellationToken))
        {
            return false;
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);

        // Another process may have applied it while this one waited for the lock.
        if (!force && await IsCurrentAsync(connection, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            return false;
        }

        await ExecuteAsync(connection, Script, cancellationToken);
        await using (var record = new NpgsqlCommand(
            """
            INSERT INTO matching_schema (id, script_sha256) VALUES (1, $1)
            ON CONFLICT (id) DO UPDATE SET script_sha256 = EXCLUDED.script_sha256, applied_at = now()
            """,
            connection))
        {
            record.Parameters.Add(new NpgsqlParameter { Value = Fingerprint });
            await record.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<bool> IsCurrentAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        // to_regclass, not a query on the table: the table itself may be missing.
        await using var exists = new NpgsqlCommand("SELECT to_regclass('matching_schema') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return false;
        }

        await using var applied = new NpgsqlCommand("SELECT script_sha256 FROM matching_schema WHERE id = 1", connection);
        return await applied.ExecuteScalarAsync(cancellationToken) as string == Fingerprint;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript()
    {
        using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
