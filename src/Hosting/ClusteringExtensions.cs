using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Matching.Storage.PostgreSql;
using Orleans.Configuration;

namespace Matching.Hosting;

/// <summary>How the processes of the product find each other, by <c>Matching:Mode</c>.</summary>
public static class ClusteringExtensions
{
    /// <summary>The ADO.NET provider name Orleans maps to Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    /// <summary>
    /// Where <see cref="ClusterMembershipOptions"/> are bound from (e.g. <c>Matching:Membership:ProbeTimeout</c>),
    /// so a deployment can trade failure-detection speed against false suspicions without code.
    /// </summary>
    public const string MembershipSection = "Matching:Membership";

    /// <summary>
    /// Embedded: localhost clustering on <c>Matching:SiloPort</c>/<c>GatewayPort</c>, one silo.
    /// Cluster: membership in PostgreSQL, endpoints on those ports at <c>Matching:AdvertisedAddress</c>.
    /// </summary>
    public static ISiloBuilder UseMatchingClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.UseMatchingTls(configuration);
        var options = configuration.GetMatchingOptions();
        if (!options.IsCluster())
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
        }

        var database = PostgreSqlOptions.From(configuration);
        silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection(MembershipSection));
        if (string.IsNullOrWhiteSpace(options.AdvertisedAddress))
        {
            silo.ConfigureEndpoints(options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
        }
        else
        {
            // A loopback address keeps the silo off every network: a machine running several silos for itself.
            var address = Resolve(options.AdvertisedAddress);
            silo.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        }

        return silo.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = database.ConnectionString;
        });
    }

    /// <summary>
    /// A client of the cluster (the API in cluster mode, load drivers): finds the gateways in PostgreSQL and keeps
    /// trying for <c>Matching:ConnectTimeoutSeconds</c> at start, so it may start before the silos are up.
    /// Embedded: the gateway of a local silo on <c>Matching:GatewayPort</c>.
    /// </summary>
    public static IClientBuilder UseMatchingClustering(this IClientBuilder client, IConfiguration configuration)
    {
        client.UseMatchingTls(configuration);
        var options = configuration.GetMatchingOptions();
        if (!options.IsCluster())
        {
            return client.UseLocalhostClustering(options.GatewayPort);
        }

        var database = PostgreSqlOptions.From(configuration);
        client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (options.ClusterId, options.ServiceId));
        client.UseAdoNetClustering(o =>
        {
            o.Invariant = NpgsqlInvariant;
            o.ConnectionString = database.ConnectionString;
        });

        DateTime? deadline = null;
        return client.UseConnectionRetryFilter(async (_, cancellationToken) =>
        {
            deadline ??= DateTime.UtcNow.AddSeconds(options.ConnectTimeoutSeconds);
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return true;
        });
    }

    private static IPAddress Resolve(string address) =>
        IPAddress.TryParse(address, out var ip)
            ? ip
            : Dns.GetHostAddresses(address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
              ?? throw new InvalidOperationException($"Matching:AdvertisedAddress '{address}' has no IPv4 address.");
}
