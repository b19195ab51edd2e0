using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;

namespace Matching.Hosting;

/// <summary>
/// TLS on the cluster's own ports (silo to silo, client to gateway), by <c>Matching:Tls:*</c>: off by default;
/// <c>Required</c> makes every connection mutual TLS, so a process without a trusted certificate can neither call a
/// grain through a gateway nor pose as a silo. Without it those ports trust whoever reaches them.
/// </summary>
/// <remarks>
/// A peer is trusted when it presents this process's own certificate (one certificate shared by the cluster,
/// self-signed is fine) or one issued by, or equal to, a certificate of <see cref="ClusterTlsOptions.TrustedCertificatesPath"/>.
/// The platform's trust store is not consulted: any publicly issued certificate would pass it. Host names are
/// not checked either, since silos reach each other by the addresses in the membership table.
/// </remarks>
public static class ClusterTls
{
    /// <summary>Turns TLS on for the silo's both ports when <c>Matching:Tls:Mode</c> is <c>Required</c>.</summary>
    public static ISiloBuilder UseMatchingTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = ClusterTlsOptions.From(configuration);
        return options.IsRequired ? silo.UseTls(o => Configure(o, options)) : silo;
    }

    /// <summary>Turns TLS on for the client's gateway connections when <c>Matching:Tls:Mode</c> is <c>Required</c>.</summary>
    public static IClientBuilder UseMatchingTls(this IClientBuilder client, IConfiguration configuration)
    {
        var options = ClusterTlsOptions.From(configuration);
        return options.IsRequired ? client.UseTls(o => Configure(o, options)) : client;
    }

    private static void Configure(TlsOptions tls, ClusterTlsOptions options)
    {
        var local = options.LoadCertificate();
        var trusted = options.LoadTrustedCertificates();
        tls.LocalCertificate = local;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = (remote, _, _) => IsTrusted(remote, local, trusted);
    }

    internal static bool IsTrusted(X509Certificate2 remote, X509Certificate2 local, X509Certificate2Collection trusted)
    {
        if (remote.RawDataMemory.Span.SequenceEqual(local.RawDataMemory.Span)
            || trusted.Any(t => remote.RawDataMemory.Span.SequenceEqual(t.RawDataMemory.Span)))
        {
            return true;
        }

        if (trusted.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(remote);
    }
}

/// <summary>The keys under <c>Matching:Tls</c>.</summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Matching:Tls";

    /// <summary><c>Off</c> (default) or <c>Required</c>: every silo and every client of a cluster must say the same.</summary>
    public string Mode { get; set; } = "Off";

    /// <summary>A PKCS#12 file (<c>.pfx</c>) with this process's certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>; from the environment or a secret store.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Instead of a file: the subject of a certificate in a store of the machine or user.</summary>
    public string? CertificateSubject { get; set; }

    public StoreName CertificateStore { get; set; } = StoreName.My;

    public StoreLocation CertificateStoreLocation { get; set; } = StoreLocation.CurrentUser;

    /// <summary>
    /// Optional: PEM or DER certificates that peers' certificates may equal or be issued by (an internal CA), for
    /// clusters whose processes hold certificates of their own rather than one shared certificate.
    /// </summary>
    public string? TrustedCertificatesPath { get; set; }

    public bool IsRequired => Mode.Equals("Required", StringComparison.OrdinalIgnoreCase);

    public static ClusterTlsOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        return options.IsRequired || options.Mode.Equals("Off", StringComparison.OrdinalIgnoreCase)
            ? options
            : throw new InvalidOperationException($"{Section}:Mode must be Off or Required, not '{options.Mode}'.");
    }

    internal X509Certificate2 LoadCertificate()
    {
        if (!string.IsNullOrWhiteSpace(CertificatePath))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        }

        if (!string.IsNullOrWhiteSpace(CertificateSubject))
        {
            using var store = new X509Store(CertificateStore, CertificateStoreLocation);
            store.Open(OpenFlags.ReadOnly);
            return store.Certificates.Find(X509FindType.FindBySubjectName, CertificateSubject, validOnly: false)
                    .Where(c => c.HasPrivateKey)
                    .MaxBy(c => c.NotAfter)
                ?? throw new InvalidOperationException(
                    $"{Section}: no certificate with a private key for '{CertificateSubject}' in {CertificateStoreLocation}/{CertificateStore}.");
        }

        throw new InvalidOperationException($"{Section}:Mode is Required: give CertificatePath (and CertificatePassword) or CertificateSubject.");
    }

    internal X509Certificate2Collection LoadTrustedCertificates()
    {
        var trusted = new X509Certificate2Collection();
        if (string.IsNullOrWhiteSpace(TrustedCertificatesPath))
        {
            return trusted;
        }

        var text = File.ReadAllText(TrustedCertificatesPath);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            trusted.ImportFromPem(text);
        }
        else
        {
            trusted.Add(X509CertificateLoader.LoadCertificateFromFile(TrustedCertificatesPath));
        }

        return trusted;
    }
}
