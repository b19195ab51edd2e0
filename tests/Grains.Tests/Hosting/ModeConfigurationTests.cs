using Matching.Storage.PostgreSql;
using Microsoft.Extensions.Configuration;

namespace Matching.Tests.Hosting;

/// <summary>One switch, <c>Matching:Mode</c>, read the same way by every process; mistakes stop the start with a clear message.</summary>
public sealed class ModeConfigurationTests
{
    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("embedded", false)]
    [InlineData("cluster", true)]
    [InlineData(" Cluster ", true)]
    public void The_mode_is_embedded_unless_cluster_is_asked_for(string? mode, bool cluster)
    {
        var options = Configuration(("Matching:Mode", mode)).GetMatchingOptions();

        Assert.Equal(cluster, options.IsCluster());
    }

    [Fact]
    public void An_unknown_mode_is_refused_with_the_key_and_the_values_it_takes()
    {
        var options = Configuration(("Matching:Mode", "swarm")).GetMatchingOptions();

        var error = Assert.Throws<InvalidOperationException>(() => options.IsCluster());
        Assert.Contains("Matching:Mode", error.Message, StringComparison.Ordinal);
        Assert.Contains("'embedded' or 'cluster'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cluster_mode_without_a_connection_string_is_refused_with_the_variable_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PostgreSqlOptions.From(Configuration(("Matching:Mode", "cluster"))));

        Assert.Contains("Matching__PostgreSql__ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_settings_are_read_from_their_section_with_the_schema_applied_by_default()
    {
        var options = PostgreSqlOptions.From(Configuration(("Matching:PostgreSql:ConnectionString", "Host=db;Database=matching")));

        Assert.Equal("Host=db;Database=matching", options.ConnectionString);
        Assert.True(options.ApplySchema);
    }

    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
