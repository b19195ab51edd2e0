using System.Net.Http.Headers;
using Matching.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Cluster.Tests.Support;

/// <summary>
/// The API process in cluster mode (an Orleans client, no silo of its own) on real HTTP: Kestrel on a free port
/// of 127.0.0.1. Its clients, HTTP and SignalR, carry an admin's bearer token, signed with a key given to this API alone.
/// </summary>
public sealed class ClusterApiFactory : WebApplicationFactory<Program>
{
    private static readonly string _signingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    private readonly IReadOnlyDictionary<string, string> _settings;

    public ClusterApiFactory(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(0);
    }

    /// <summary>A SignalR connection to one of the API's hubs, not started.</summary>
    public HubConnection Hub(string path)
    {
        using var client = CreateClient();
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(client.BaseAddress!, path), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .Build();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
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
