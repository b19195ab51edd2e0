using Matching.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;

namespace Matching.Silo;

/// <summary><c>--apply-schema</c>: creates or upgrades the cluster profile's tables and queries, then exits.</summary>
internal static class SchemaCommand
{
    public const string Argument = "--apply-schema";

    public static async Task<int> RunAsync(IConfiguration configuration)
    {
        try
        {
            await PostgreSqlSchema.ApplyAsync(PostgreSqlOptions.From(configuration).ConnectionString);
            Console.WriteLine($"Schema {PostgreSqlSchema.Fingerprint[..12]} applied.");
            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException)
        {
            Console.Error.WriteLine($"Schema not applied: {ex.Message}");
            return 1;
        }
    }
}
