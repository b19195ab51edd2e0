using System.Net.Http.Headers;
using Matching.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// The API process in cluster mode (an Orleans client, no silo of its own), on an in-memory test server.
/// Its clients carry an admin's bearer token, signed with a key given to this API alone.
/// </summary>
public sealed class ClusterApiFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    private static readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        // Development tokens (on in appsettings.Development.json) may not run beside a real key: off, and the
        // tests sign their admin token with the issuer service, which signs with the configured key.
        builder.UseSetting("Matching:Auth:DevTokens", "false");
        builder.UseSetting("Matching:Auth:SigningKey", _signingKey);
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        var token = Services.GetRequiredService<DevTokenIssuer>().Issue(new DevTokenRequest("admin", null, null, null, "cluster-tests"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
    }
}
