using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Matching.Api.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Matching.Api.Tests;

/// <summary>Without a valid bearer token only health, the API description, the API page and the token route answer.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuthenticationTests(ApiFactory factory)
{
    private readonly HttpClient _anonymous = factory.AnonymousClient();

    [Fact]
    public async Task Every_route_of_the_API_description_answers_401_without_a_token()
    {
        var doc = await (await factory.Client().GetAsync("/openapi/v1.json")).JsonAsync();
        var tried = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (path.Name == "/api/dev/tokens")
                {
                    continue;
                }

                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "x");
                var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url);
                if (operation.Name is "post" or "put")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var response = await _anonymous.SendAsync(request);

                await response.ProblemAsync(HttpStatusCode.Unauthorized);
                Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
                tried++;
            }
        }

        Assert.True(tried >= 40, $"only {tried} operations in the API description");
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/v1")]
    public async Task Health_and_the_API_description_need_no_token(string route)
    {
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(route)).StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_under_api_and_hubs_are_401_and_elsewhere_404()
    {
        await (await _anonymous.GetAsync("/api/nothing-here")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await _anonymous.GetAsync("/hubs/nothing-here")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/no-such-page.html")).StatusCode);
    }

    [Fact]
    public async Task Expired_forged_and_misaddressed_tokens_are_refused()
    {
        var signing = factory.Services.GetRequiredService<SigningKeyChoice>().Key!;
        var foreignKey = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var now = DateTime.UtcNow;
        string[] refused =
        [
            Sign(signing, "matching", "matching-api", now.AddHours(-2), now.AddHours(-1)),
            Sign(foreignKey, "matching", "matching-api", now, now.AddHours(1)),
            Sign(signing, "matching", "another-api", now, now.AddHours(1)),
            Sign(signing, "somebody-else", "matching-api", now, now.AddHours(1)),
            Unsigned(),
            "not-a-token",
        ];

        foreach (var token in refused)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/employers");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await _anonymous.SendAsync(request);
            await response.ProblemAsync(HttpStatusCode.Unauthorized);
        }

        using var expired = new HttpRequestMessage(HttpMethod.Get, "/api/employers");
        expired.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refused[0]);
        var body = await (await _anonymous.SendAsync(expired)).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("expired", body.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var valid = Sign(signing, "matching", "matching-api", now, now.AddHours(1));
        using var accepted = new HttpRequestMessage(HttpMethod.Get, "/api/employers");
        accepted.Headers.Authorization = new AuthenticationHeaderValue("Bearer", valid);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(accepted)).StatusCode);
    }

    [Fact]
    public async Task The_development_issuer_signs_a_token_the_API_accepts()
    {
        var answer = await _anonymous.PostJsonAsync("/api/dev/tokens", """{"role":"recruiter","employerId":"acme","name":"王芳"}""");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.JsonAsync();
        var token = new JsonWebToken(body.GetProperty("token").GetString());
        Assert.Equal("recruiter", token.GetClaim("role").Value);
        Assert.Equal("acme", token.GetClaim("employer_id").Value);
        Assert.Equal("recruiter:王芳", token.Subject);
        Assert.InRange(body.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddHours(7), DateTimeOffset.UtcNow.AddHours(9));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/job-orders");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.EncodedToken);
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("""{"role":"superuser"}""", "role")]
    [InlineData("""{}""", "role")]
    [InlineData("""{"role":"recruiter"}""", "employerId")]
    [InlineData("""{"role":"recruiter","employerId":"../x"}""", "employerId")]
    [InlineData("""{"role":"lodging_operator","siteIds":[]}""", "siteIds")]
    [InlineData("""{"role":"board_viewer"}""", "fairId")]
    public async Task The_development_issuer_refuses_a_role_it_does_not_know_or_a_tenant_missing(string body, string field)
    {
        var response = await _anonymous.PostJsonAsync("/api/dev/tokens", body);

        Assert.Contains(field, await response.FieldErrorsAsync());
    }

    [Fact]
    public async Task A_hub_takes_the_token_from_the_query_and_no_other_route_does()
    {
        var token = factory.Token(Caller.Staff);

        var without = await _anonymous.PostAsync("/hubs/fair/negotiate?negotiateVersion=1", null);
        var withQuery = await _anonymous.PostAsync($"/hubs/fair/negotiate?negotiateVersion=1&access_token={token}", null);
        var apiWithQuery = await _anonymous.GetAsync($"/api/employers?access_token={token}");

        await without.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, withQuery.StatusCode);
        Assert.True((await withQuery.JsonAsync()).TryGetProperty("connectionToken", out _));
        await apiWithQuery.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_hub_connection_without_a_token_is_refused()
    {
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => HubClient.ConnectAsync(factory, "/hubs/recruiter", caller: null));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Without_development_tokens_the_route_does_not_exist_and_the_configured_key_signs()
    {
        await using var production = new ApiFactory(new Dictionary<string, string?>
        {
            ["Matching:Auth:DevTokens"] = "false",
            ["Matching:Auth:SigningKey"] = "a key of the test's own, at least thirty-two bytes long",
        });

        var route = await production.AnonymousClient().PostJsonAsync("/api/dev/tokens", """{"role":"admin"}""");
        var signedIn = await production.Client(Caller.Staff).GetAsync("/api/employers");

        await route.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(SigningKeys.Configured, production.Services.GetRequiredService<SigningKeyChoice>().Source);
        Assert.False(File.Exists(Path.Combine(production.DataPath, SigningKeys.FileName)));
    }

    [Fact]
    public void The_development_key_is_kept_in_the_data_folder_readable_by_its_owner_only()
    {
        var path = Path.Combine(factory.DataPath, SigningKeys.FileName);

        Assert.Equal(SigningKeys.DataFolder, factory.Services.GetRequiredService<SigningKeyChoice>().Source);
        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task The_API_description_declares_the_bearer_token()
    {
        var doc = await (await _anonymous.GetAsync("/openapi/v1.json")).JsonAsync();

        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(doc.GetProperty("security")[0].TryGetProperty("Bearer", out _));
    }

    [Fact]
    public async Task An_idempotency_key_replays_only_to_the_caller_that_used_it()
    {
        var body = Samples.Employer(Http.NewId("emp"));
        var key = Guid.NewGuid().ToString();

        var first = await Keyed(factory.Client(Caller.Staff with { Name = "first" }), body, key);
        var again = await Keyed(factory.Client(Caller.Staff with { Name = "first" }), body, key);
        var other = await Keyed(factory.Client(Caller.Staff with { Name = "other" }), body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("already-exists", (await other.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.False(other.Headers.Contains("Idempotent-Replayed"));
    }

    private static Task<HttpResponseMessage> Keyed(HttpClient client, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/employers")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_refused_even_when_rightly_signed()
    {
        var signing = factory.Services.GetRequiredService<SigningKeyChoice>().Key!;
        var now = DateTime.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/employers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Sign(signing, "matching", "matching-api", now, now.AddHours(1), subject: null));

        await (await _anonymous.SendAsync(request)).ProblemAsync(HttpStatusCode.Unauthorized);
        var hub = await Assert.ThrowsAsync<HttpRequestException>(() => new HubConnectionBuilder()
            .WithUrl(new Uri(_anonymous.BaseAddress!, "/hubs/fair"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(
                Sign(signing, "matching", "matching-api", now, now.AddHours(1), subject: null)))
            .Build()
            .StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, hub.StatusCode);
    }

    [Theory]
    [InlineData("Production", null, null)]
    [InlineData("Staging", null, null)]
    [InlineData("Development", "a key of the deployment's own, at least thirty-two bytes long", null)]
    [InlineData("Development", null, "100000")]
    public void Development_tokens_refuse_to_start_outside_development_beside_a_real_key_or_for_long(string environment, string? signingKey, string? minutes)
    {
        var settings = new Dictionary<string, string?> { ["Matching:Auth:DevTokens"] = "true" };
        if (signingKey is not null)
        {
            settings["Matching:Auth:SigningKey"] = signingKey;
        }

        if (minutes is not null)
        {
            settings["Matching:Auth:DevTokenMinutes"] = minutes;
        }

        using var product = new ApiFactory(ApiFactory.NewDataPath(), settings: settings, environment: environment);

        var refused = Assert.Throws<InvalidOperationException>(() => product.AnonymousClient());

        Assert.Contains("Matching:Auth:DevTokens is on, but development tokens must", refused.Message, StringComparison.Ordinal);
    }

    private static string Sign(SecurityKey key, string issuer, string audience, DateTime from, DateTime until, string? subject = "someone") =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(subject is null ? [new Claim("role", Roles.Admin)] : [new Claim("sub", subject), new Claim("role", Roles.Admin)]),
            IssuedAt = from,
            NotBefore = from,
            Expires = until,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });

    private static string Unsigned()
    {
        static string Part(object value) => Base64UrlEncoder.Encode(JsonSerializer.Serialize(value));
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part(new { alg = "none", typ = "JWT" })}.{Part(new { sub = "someone", role = "admin", iss = "matching", aud = "matching-api", exp })}.";
    }
}
