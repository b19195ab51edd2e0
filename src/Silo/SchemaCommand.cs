using Matching.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;

namespace Matching.Silo;

/// <summary>
/// The database commands of the silo, each run instead of a silo and then exiting:
/// <c>--apply-schema</c> creates or upgrades the cluster profile's tables and queries;
/// <c>--copy-grain-state</c> applies the schema, then copies schema version 1's grain state into the provider's table.
/// </summary>
internal static class SchemaCommand
{
    public const string Argument = "--apply-schema";
    public const string CopyArgument = "--copy-grain-state";

    public static bool IsRequested(string[] args) => args.Contains(Argument) || args.Contains(CopyArgument);

    public static async Task<int> RunAsync(IConfiguration configuration, string[] args)
    {
        try
        {
            var connectionString = PostgreSqlOptions.From(configuration).ConnectionString;
            await PostgreSqlSchema.ApplyAsync(connectionString);
            Console.WriteLine($"Schema {PostgreSqlSchema.Fingerprint[..12]} applied.");
            if (args.Contains(CopyArgument))
            {
                await using var store = await AdoNetStateStore.OpenAsync(connectionString, configuration.GetMatchingOptions().ServiceId);
                var result = await GrainStateCopy.RunAsync(connectionString, store);
                Console.WriteLine($"Grain state copied: {result.Copied} rows, {result.AlreadyPresent} already present.");
            }

            return 0;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Npgsql.NpgsqlException or Errors.StoreException)
        {
            Console.Error.WriteLine($"Schema not applied or state not copied: {ex.Message}");
            return 1;
        }
    }
}
