using Microsoft.Extensions.Configuration;

namespace Matching.Storage.PostgreSql;

/// <summary>The cluster profile's database, bound from <c>Matching:PostgreSql</c>.</summary>
public sealed class PostgreSqlOptions
{
    public const string Section = "Matching:PostgreSql";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Username=matching;Password=…;Database=matching</c>.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Whether a silo creates or upgrades the schema at start; off where a DBA applies it by hand.</summary>
    public bool ApplySchema { get; set; } = true;

    /// <summary>The settings as bound at start; throws when cluster mode has no database to go to.</summary>
    public static PostgreSqlOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<PostgreSqlOptions>() ?? new PostgreSqlOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException(
                $"Cluster mode needs {Section}:{nameof(ConnectionString)} (environment variable Matching__PostgreSql__ConnectionString).");
        }

        return options;
    }
}
