using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Matching.Cluster.Tests.Support;
using Matching.Employers;
using Matching.JobOrders;
using Orleans.Runtime.Messaging;

namespace Matching.Cluster.Tests;

/// <summary>
/// <c>Matching:Tls:Mode=Required</c>: silos talk to each other and to their clients over mutual TLS with the
/// cluster's certificate, and a process without it — no TLS at all, or a certificate of its own — gets no grain.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class ClusterTlsTests(PostgreSqlServer server) : IDisposable
{
    private const string Password = "cluster-secret";

    private readonly string _folder = Directory.CreateTempSubdirectory("matching-tls-").FullName;

    [Fact]
    public async Task With_tls_required_silos_and_clients_of_the_cluster_certificate_work_and_any_other_client_is_refused()
    {
        var clusterCertificate = WriteCertificate("cluster.pfx", "matching-cluster");
        var strangerCertificate = WriteCertificate("stranger.pfx", "matching-cluster");
        await using var cluster = await ProcessCluster.StartAsync(server, silos: 2, new Dictionary<string, string>
        {
            ["Matching:Tls:Mode"] = "Required",
            ["Matching:Tls:CertificatePath"] = clusterCertificate,
            ["Matching:Tls:CertificatePassword"] = Password,
        });

        // Both silos joined: each reached the other over TLS (a silo is active only once its peers answered it).
        var client = await cluster.ClientAsync();
        var management = client.GetGrain<IManagementGrain>(0);
        Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count);

        // Grain calls through the TLS gateway, to grains on both silos.
        var employer = ClusterSamples.NewId("emp");
        await client.GetGrain<IEmployerGrain>(employer).CreateAsync(ClusterSamples.Employer(employer));
        // Placed at random by a gateway silo, which may take a moment more to count its new peer among the places:
        // orders are made until both silos hold some (bounded), each read back through the TLS gateway.
        var orders = new List<string>();
        var silos = new HashSet<SiloAddress>();
        while (silos.Count < 2 && orders.Count < 96)
        {
            var order = ClusterSamples.NewId("job");
            orders.Add(order);
            await client.GetGrain<IJobOrderGrain>(order).CreateAsync(ClusterSamples.JobOrder(order, employer, 2));
            Assert.Equal(employer, (await client.GetGrain<IJobOrderGrain>(order).GetAsync()).EmployerId);
            silos.Add((await management.GetActivationAddress(client.GetGrain<IJobOrderGrain>(order)))!);
        }

        Assert.Equal(2, silos.Count);

        // The API is a client like any other: the same keys give it TLS.
        using var api = cluster.Api().CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(employer, (await api.GetJsonAsync($"/api/job-orders/{orders[0]}")).GetProperty("employerId").GetString());

        // A client without TLS, and one with a certificate the cluster does not hold (same subject, another key),
        // are refused at the handshake: they never reach a gateway, so no grain answers them.
        await Assert.ThrowsAsync<ConnectionFailedException>(() => cluster.ClientAsync(settings: Refused(new()
        {
            ["Matching:Tls:Mode"] = "Off",
        })));
        await Assert.ThrowsAsync<ConnectionFailedException>(() => cluster.ClientAsync(settings: Refused(new()
        {
            ["Matching:Tls:CertificatePath"] = strangerCertificate,
        })));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A client that gives up on the gateways after 2 s instead of the minute a real client waits.</summary>
    private static Dictionary<string, string> Refused(Dictionary<string, string> settings)
    {
        settings["Matching:ConnectTimeoutSeconds"] = "2";
        return settings;
    }

    /// <summary>A self-signed certificate for both TLS roles (server and client), as a PKCS#12 file.</summary>
    private string WriteCertificate(string name, string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
