using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Matching.Hosting;
using Matching.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Matching.Tests.Hosting;

/// <summary>Whom a process of the cluster trusts over TLS: its own certificate, or what the configured certificates issued.</summary>
public sealed class ClusterTlsTrustTests
{
    [Fact]
    public void A_peer_is_trusted_with_the_shared_certificate_or_one_a_trusted_authority_issued_and_nothing_else()
    {
        using var shared = SelfSigned("matching-cluster");
        using var authority = SelfSigned("matching-ca", authority: true);
        using var issued = Issue(authority, "silo-2");
        using var stranger = SelfSigned("matching-cluster");
        using var forgedAuthority = SelfSigned("matching-ca", authority: true);
        using var strangerIssued = Issue(forgedAuthority, "silo-2");

        Assert.True(ClusterTls.IsTrusted(shared, shared, []));
        Assert.False(ClusterTls.IsTrusted(stranger, shared, []));
        Assert.False(ClusterTls.IsTrusted(issued, shared, []));

        using var folder = new TempFolder();
        var pem = Path.Combine(folder.Path, "trusted.pem");
        File.WriteAllText(pem, authority.ExportCertificatePem());
        var trusted = Options(new() { ["Matching:Tls:Mode"] = "Required", ["Matching:Tls:TrustedCertificatesPath"] = pem }).LoadTrustedCertificates();
        Assert.True(ClusterTls.IsTrusted(issued, shared, trusted));
        Assert.True(ClusterTls.IsTrusted(authority, shared, trusted));
        Assert.False(ClusterTls.IsTrusted(strangerIssued, shared, trusted));
        Assert.False(ClusterTls.IsTrusted(stranger, shared, trusted));
    }

    [Fact]
    public void Tls_is_off_unless_required_and_a_required_tls_without_a_certificate_or_an_unknown_mode_stops_the_start()
    {
        Assert.False(Options([]).IsRequired);
        Assert.True(Options(new() { ["Matching:Tls:Mode"] = "required" }).IsRequired);
        var missing = Assert.Throws<InvalidOperationException>(() => Options(new() { ["Matching:Tls:Mode"] = "Required" }).LoadCertificate());
        Assert.Contains("CertificatePath", missing.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => Options(new() { ["Matching:Tls:Mode"] = "Preferred" }));
    }

    private static ClusterTlsOptions Options(Dictionary<string, string?> settings) =>
        ClusterTlsOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private static X509Certificate2 SelfSigned(string subject, bool authority = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(subject, key);
        if (authority)
        {
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.DigitalSignature, critical: true));
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = Request(subject, key);
        return request.Create(issuer, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), RandomNumberGenerator.GetBytes(8));
    }

    private static CertificateRequest Request(string subject, ECDsa key)
    {
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        return request;
    }
}
